import { create } from "zustand";

export type Theme = "light" | "dark";

function storedTheme(): Theme {
  if (typeof localStorage === "undefined") return "light";
  const saved = localStorage.getItem("syndisco-theme");
  if (saved === "light" || saved === "dark") return saved;
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function apply(theme: Theme): void {
  if (typeof document !== "undefined") document.documentElement.classList.toggle("dark", theme === "dark");
}

interface ThemeState {
  theme: Theme;
  themeToggled: () => void;
}

export const useThemeStore = create<ThemeState>((set, get) => {
  const theme = storedTheme();
  apply(theme);
  return {
    theme,
    themeToggled: () => {
      const next: Theme = get().theme === "dark" ? "light" : "dark";
      localStorage.setItem("syndisco-theme", next);
      apply(next);
      set({ theme: next });
    },
  };
});
