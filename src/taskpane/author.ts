/**
 * The name a person gives with an explanation, remembered in this browser (localStorage; nothing leaves the machine)
 * so that the next explanation has it already. Excel gives add-ins no user name.
 */
const KEY = "selfeval.explanationAuthor";

export function rememberedAuthor(): string {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? "";
  } catch {
    return ""; // storage disabled (private mode, policy): start empty
  }
}

export function rememberAuthor(name: string): void {
  try {
    if (name) globalThis.localStorage?.setItem(KEY, name);
  } catch {
    // storage disabled: the name is simply not remembered
  }
}
