import { describe, expect, it } from "vitest";
import { toPlainText } from "../../../app/channel/plain-text.ts";

describe("model artefacts removed from replies", () => {
  it("removes a <thought> block", () => {
    expect(toPlainText("<thought>The user greets me.</thought>\nHello!")).toBe("Hello!");
  });

  it("removes an <antthinking> block spanning several lines", () => {
    expect(toPlainText("<antthinking>\nIs a table useful?\nNo.\n</antthinking>\nHere you go.")).toBe(
      "Here you go.",
    );
  });

  it("removes reasoning tags with a namespace, attributes or spaces", () => {
    expect(toPlainText("<mm:thought>x</mm:thought>A")).toBe("A");
    expect(toPlainText('<reasoning effort="low">x</ reasoning >B')).toBe("B");
  });

  it("drops an empty, self-closing reasoning tag and keeps everything after it", () => {
    expect(toPlainText("<think/>The answer is 4.")).toBe("The answer is 4.");
    expect(toPlainText("Sure. <thinking /> Here it is.\nLine two.")).toBe("Sure. Here it is.\nLine two.");
    expect(toPlainText("Write `<think/>` to mark it.")).toBe("Write <think/> to mark it.");
  });

  it("drops reasoning that ends in a </thought> without an opening tag", () => {
    expect(toPlainText("I should keep it short.</thought>\nIt is 4.")).toBe("It is 4.");
  });

  it("removes repeated <relevant_memories> and keeps the answer around them", () => {
    expect(
      toPlainText("<relevant_memories>\n- likes tea\n- lives in Lyon\n</relevant_memories>\nTea it is."),
    ).toBe("Tea it is.");
    expect(toPlainText("Sure. <relevant-memories>likes tea</relevant-memories> Done.")).toBe("Sure. Done.");
  });

  it("keeps the text before a stray </relevant_memories>", () => {
    expect(toPlainText("Tea it is.</relevant_memories>")).toBe("Tea it is.");
  });

  it("removes +#+# separator lines of any length", () => {
    expect(toPlainText("First part.\n+#+#+#+#+#+\nSecond part.\n#+#+#+#")).toBe("First part.\nSecond part.");
  });

  it("keeps +#+# inside a sentence", () => {
    expect(toPlainText("The marker is +#+# in the log.")).toBe("The marker is +#+# in the log.");
  });

  it("removes a tool call written out as an assistant to= line", () => {
    expect(
      toPlainText(
        'assistant to=functions.read code<|message|>{"path":"notes.txt"}\nThe note says: buy milk.',
      ),
    ).toBe("The note says: buy milk.");
  });

  it("removes commentary to= lines led by template tokens", () => {
    expect(toPlainText("Checking.\n<|channel|>commentary to=browser.open json\nIt opens at 9.")).toBe(
      "Checking.\nIt opens at 9.",
    );
  });

  it("keeps a sentence that merely contains the words assistant to=", () => {
    expect(toPlainText("Ask the assistant to=check it")).toBe("Ask the assistant to=check it");
  });

  it("removes chat-template tokens, keeping a space between words", () => {
    expect(toPlainText("Hello<|im_end|>")).toBe("Hello");
    expect(toPlainText("one <|end|> two")).toBe("one two");
    expect(toPlainText("one<｜end▁of▁sentence｜>two")).toBe("one two");
  });

  it("keeps every artefact written inside fenced code", () => {
    const code =
      "<thought>x</thought>\n<relevant_memories>m</relevant_memories>\n+#+#+#\nassistant to=functions.x\n<|im_end|>";
    expect(toPlainText(`Example:\n\`\`\`\n${code}\n\`\`\`\nEnd.`)).toBe(`Example:\n${code}\nEnd.`);
  });

  it("keeps artefacts written inside an inline code span", () => {
    expect(
      toPlainText("Models write `<thought>` and `<|im_end|>` and `[[reply_to_current]]` and `<final>`."),
    ).toBe("Models write <thought> and <|im_end|> and [[reply_to_current]] and <final>.");
  });
});
