import packageJson from "../package.json" with { type: "json" };

export const appVersion = `syndisco-studio ${packageJson.version}`;
