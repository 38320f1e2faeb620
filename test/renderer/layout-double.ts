/**
 * jsdom lays nothing out, so every element measures 0 and a virtualizer would see an empty
 * viewport. This gives scrolling containers a window-sized box and every other element a row's
 * height, so the virtualizer's own arithmetic runs as in a browser.
 */
export function fakeLayout({ viewport = 700, row = 100 } = {}): () => void {
  const properties = ["offsetHeight", "offsetWidth", "clientHeight", "clientWidth"] as const;
  const originals = properties.map((name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ?? Object.getOwnPropertyDescriptor(Element.prototype, name)] as const);
  const scrolls = (element: HTMLElement) => /overflow-(y-)?auto/.test(element.className);
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return scrolls(this) ? viewport : row;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return scrolls(this) ? viewport : row;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "offsetWidth", { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 800 });
  return () => {
    for (const [name, descriptor] of originals) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    }
  };
}
