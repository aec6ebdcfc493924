// The window's accessibility check: axe-core (loaded from node_modules, so it runs offline) in light
// and dark mode, plus the two contrasts axe does not measure: placeholder text and the track of an
// unchecked switch. Each problem is one line naming the place, the rule, the element and the numbers.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { NodeResult, Result } from "axe-core";
import { colorSchemes } from "./shoot.ts";

// WCAG 2.2 A and AA, and axe's best practices (landmarks, headings); only what axe rates serious or
// critical fails the check.
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const failingImpacts = new Set(["serious", "critical"]);

/** Every serious or critical problem of what the page shows now, in both colour schemes. */
export async function accessibilityProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  for (const colorScheme of colorSchemes) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(transitionsFinished);
    const results = await new AxeBuilder({ page })
      .withTags(tags)
      // Only the failures are read: axe skips the details of every passing node, a large part of its time.
      .options({ resultTypes: ["violations"] })
      .analyze();
    const place = `${where}, ${colorScheme} mode`;
    for (const violation of results.violations) {
      if (!failingImpacts.has(violation.impact ?? "")) continue;
      for (const node of violation.nodes) problems.push(describeViolation(place, violation, node));
    }
    for (const low of await lowContrastControls(page)) problems.push(`${place}: ${low}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  return problems;
}

/**
 * A colour still fading from one scheme to the other is not the colour of either, so every animation
 * that ends is jumped to its end. Waiting for them instead can hang on a loaded runner: a transition
 * whose frames are never produced never finishes. A spinner that turns for as long as something loads
 * has no end and is left turning.
 */
async function transitionsFinished(): Promise<void> {
  interface Running {
    finish(): void;
    effect: { getComputedTiming(): { iterations?: number } } | null;
  }
  const scope = globalThis as unknown as { document: { getAnimations(): Running[] } };
  for (const animation of scope.document.getAnimations()) {
    if (animation.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY) continue;
    animation.finish();
  }
}

function describeViolation(place: string, violation: Result, node: NodeResult): string {
  const lines = [
    `${place}: [${violation.impact}] ${violation.id}: ${violation.help}`,
    `  element: ${node.target.join(" ")}  ${node.html.slice(0, 160)}`,
  ];
  const contrast = node.any.find((check) => check.id === "color-contrast")?.data as ContrastData | undefined;
  if (contrast?.contrastRatio) {
    lines.push(
      `  contrast ${contrast.contrastRatio}:1 (${contrast.fgColor} on ${contrast.bgColor}, ${contrast.fontSize} ${contrast.fontWeight}), needs ${contrast.expectedContrastRatio}`,
    );
  } else if (node.failureSummary) {
    lines.push(`  ${node.failureSummary.replaceAll("\n", "\n  ")}`);
  }
  return lines.join("\n");
}

interface ContrastData {
  fgColor: string;
  bgColor: string;
  contrastRatio: number;
  fontSize: string;
  fontWeight: string;
  expectedContrastRatio: string;
}

interface Measured {
  what: string;
  element: string;
  foreground: Rgba;
  background: Rgba;
  needs: number;
}

type Rgba = [number, number, number, number];

/** Placeholders and unchecked switch tracks whose contrast is below AA. */
async function lowContrastControls(page: Page): Promise<string[]> {
  const measured = await page.evaluate(measureControls);
  return measured.flatMap((item) => {
    const ratio = contrastRatio(item.foreground, item.background);
    if (ratio >= item.needs) return [];
    return [
      `[serious] ${item.what} contrast ${ratio.toFixed(2)}:1 (${hex(item.foreground)} on ${hex(item.background)}), needs ${item.needs}:1\n  element: ${item.element}`,
    ];
  });
}

/**
 * Runs in the page. Each colour is composited over the opaque colour behind it, as the eye sees it.
 * Kept free of DOM types: this file is compiled for Node.
 */
function measureControls(): Measured[] {
  interface Style {
    color: string;
    backgroundColor: string;
    borderTopColor: string;
    borderTopWidth: string;
  }
  interface Node {
    tagName: string;
    id: string;
    className: string;
    parentElement: Node | null;
    checked?: boolean;
    value?: string;
    placeholder?: string;
    getClientRects(): { length: number };
    getAttribute(name: string): string | null;
  }
  const scope = globalThis as unknown as {
    document: { querySelectorAll(selector: string): Iterable<Node> };
    getComputedStyle(node: Node, pseudo?: string): Style;
  };
  // WCAG AA: 4.5:1 for text at the window's sizes (placeholders included), 3:1 for a control's parts.
  const TEXT = 4.5;
  const CONTROL = 3;

  const parse = (value: string): [number, number, number, number] => {
    const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)/.exec(value);
    if (srgb) {
      const [, r, g, b, a] = srgb;
      return [Number(r) * 255, Number(g) * 255, Number(b) * 255, a === undefined ? 1 : Number(a)];
    }
    const numbers = (value.match(/[\d.]+%?/g) ?? []).map((part) =>
      part.endsWith("%") ? Number(part.slice(0, -1)) / 100 : Number(part),
    );
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r, g, b, value.startsWith("rgb") ? a : 1];
  };
  const over = (top: number[], bottom: number[]): [number, number, number, number] => {
    const alpha = top[3] ?? 1;
    const mix = (index: number) => (top[index] ?? 0) * alpha + (bottom[index] ?? 0) * (1 - alpha);
    return [mix(0), mix(1), mix(2), 1];
  };
  /** The opaque colour behind `node` (its own background included when `self`). */
  const backdrop = (node: Node | null, self: boolean): [number, number, number, number] => {
    const layers: number[][] = [];
    for (let at = self ? node : (node?.parentElement ?? null); at; at = at.parentElement) {
      const layer = parse(scope.getComputedStyle(at).backgroundColor);
      if ((layer[3] ?? 0) > 0) layers.push(layer);
      if (layer[3] === 1) break;
    }
    return layers.reduceRight<[number, number, number, number]>(
      (below, layer) => over(layer, below),
      [255, 255, 255, 1],
    );
  };
  const nameOf = (node: Node) =>
    `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ""}${node.className ? `.${String(node.className).split(" ").join(".")}` : ""} ${node.getAttribute("aria-label") ?? node.placeholder ?? ""}`.trim();
  const visible = (node: Node) => node.getClientRects().length > 0;

  const found: Measured[] = [];
  for (const field of scope.document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
    if (!visible(field) || field.value !== "" || !field.placeholder) continue;
    const background = backdrop(field, true);
    found.push({
      what: "placeholder text",
      element: nameOf(field),
      foreground: over(parse(scope.getComputedStyle(field, "::placeholder").color), background),
      background,
      needs: TEXT,
    });
  }
  for (const control of scope.document.querySelectorAll('input[role="switch"]')) {
    if (!visible(control) || control.checked) continue;
    const behind = backdrop(control, false);
    const style = scope.getComputedStyle(control);
    const track = over(parse(style.backgroundColor), behind);
    const border =
      Number.parseFloat(style.borderTopWidth) > 0 ? over(parse(style.borderTopColor), behind) : track;
    found.push({
      what: "switch track (off)",
      element: nameOf(control),
      // Whichever of the track and its outline stands out more is what shows the control's shape.
      foreground: luminanceDistance(track, behind) >= luminanceDistance(border, behind) ? track : border,
      background: behind,
      needs: CONTROL,
    });
  }
  return found;

  function luminanceDistance(a: number[], b: number[]): number {
    const sum = (color: number[]) => (color[0] ?? 0) + (color[1] ?? 0) + (color[2] ?? 0);
    return Math.abs(sum(a) - sum(b));
  }
}

/** WCAG 2 contrast ratio of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance([r, g, b]: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function hex([r, g, b]: Rgba): string {
  return `#${[r, g, b].map((value) => Math.round(value).toString(16).padStart(2, "0")).join("")}`;
}
