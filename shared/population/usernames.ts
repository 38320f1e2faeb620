import type { UsernameStyle } from "../domain/population.js";
import { SeededRandom } from "../random.js";

// Our own short word lists: handles read like forum names and say nothing about the persona.
const ADJECTIVES = [
  "Amber", "Brave", "Brisk", "Calm", "Clever", "Cosmic", "Crisp", "Curious", "Daring", "Dusty",
  "Eager", "Fuzzy", "Gentle", "Golden", "Happy", "Hidden", "Humble", "Icy", "Jolly", "Keen",
  "Lucky", "Lunar", "Mellow", "Misty", "Modest", "Nimble", "Noble", "Odd", "Plain", "Polar",
  "Proud", "Quick", "Quiet", "Rapid", "Rusty", "Shy", "Silent", "Silver", "Sleepy", "Sly",
  "Snowy", "Solar", "Steady", "Stormy", "Sunny", "Swift", "Tidy", "Urban", "Vivid", "Wild",
  "Windy", "Wise", "Witty", "Young", "Zesty",
];
const NOUNS = [
  "Badger", "Beacon", "Birch", "Bison", "Brook", "Cactus", "Canyon", "Cedar", "Comet", "Coral",
  "Crane", "Dune", "Eagle", "Ember", "Falcon", "Fern", "Fjord", "Fox", "Gecko", "Harbor",
  "Hawk", "Heron", "Island", "Jaguar", "Kettle", "Lantern", "Lark", "Lynx", "Maple", "Meadow",
  "Moose", "Nebula", "Oak", "Orca", "Otter", "Owl", "Panda", "Pebble", "Pine", "Prairie",
  "Quartz", "Raven", "Reef", "River", "Robin", "Saffron", "Sparrow", "Spruce", "Summit", "Thistle",
  "Tiger", "Tundra", "Valley", "Walrus", "Willow", "Wren", "Yak", "Zephyr",
];

/**
 * `count` distinct usernames, none in `taken`, reproducible from `seed`. Numbered names skip
 * taken ones and keep counting (P000, P001, ...); handles are redrawn until new.
 */
export function assignUsernames(style: UsernameStyle, count: number, seed: number, taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  const names: string[] = [];
  if (style.style === "numbered") {
    for (let index = 0; names.length < count; index++) {
      const name = `${style.prefix}${String(index).padStart(style.digits, "0")}`;
      if (!used.has(name)) names.push(name);
      used.add(name);
    }
    return names;
  }
  const random = new SeededRandom(seed);
  const combinations = ADJECTIVES.length * NOUNS.length * 100;
  if (count + used.size > combinations / 2) throw new RangeError(`too many personas for generated handles (${count}); use numbered usernames`);
  while (names.length < count) {
    const name = `${random.pick(ADJECTIVES)}${random.pick(NOUNS)}${String(random.nextInt(100)).padStart(2, "0")}`;
    if (used.has(name)) continue;
    used.add(name);
    names.push(name);
  }
  return names;
}
