/** localStorage key for an explicit theme choice; absent = follow the system preference. */
export const THEME_KEY = "decoupled:theme";

// Runs in <head> before first paint so a dark-mode user never sees a white flash. Kept tiny and dependency-free.
export const themeScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){document.documentElement.dataset.theme="light"}})()`;
