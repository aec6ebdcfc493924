import { describe, expect, it } from "vitest";
import { extractReplyDirectives } from "../../../app/channel/reply-directives.ts";

describe("extractReplyDirectives", () => {
  it("takes a MEDIA: line on its own out of the text", () => {
    expect(extractReplyDirectives("Here is the chart.\n\nMEDIA:/tmp/out/chart.png")).toEqual({
      text: "Here is the chart.",
      media: ["/tmp/out/chart.png"],
    });
  });

  it("takes several, with up to three spaces before them, a space after the colon, and quotes", () => {
    const reply = ["Two files:", "   MEDIA: https://example.com/a.jpg", 'MEDIA:"/srv/x, final.pdf"'].join(
      "\n",
    );
    expect(extractReplyDirectives(reply)).toEqual({
      text: "Two files:",
      media: ["https://example.com/a.jpg", "/srv/x, final.pdf"],
    });
  });

  it("leaves MEDIA: inside prose, emphasis, inline code and code blocks as text", () => {
    const reply = [
      "Here is your image: MEDIA:/a.png",
      "**MEDIA:/b.png**",
      "`MEDIA:/c.png`",
      "```",
      "MEDIA:/d.png",
      "```",
      "",
      "    MEDIA:/e.png",
    ].join("\n");
    expect(extractReplyDirectives(reply)).toEqual({ text: reply, media: [] });
  });

  it("ends a fence only at a matching fence of at least the same length", () => {
    const reply = ["````", "```", "MEDIA:/inside.png", "````", "MEDIA:/outside.png"].join("\n");
    expect(extractReplyDirectives(reply).media).toEqual(["/outside.png"]);
  });

  it("reads [[reply_to_current]] and removes it, leaving no gap", () => {
    expect(extractReplyDirectives("[[reply_to_current]] Sure, see you at 6.")).toEqual({
      text: "Sure, see you at 6.",
      media: [],
      replyTo: { kind: "current" },
    });
  });

  it("reads [[reply_to:<id>]], tolerating spaces inside the brackets, and keeps the first tag", () => {
    const reply = "Yes.\n[[ reply_to : 8DF1-AA ]]\nAnd [[reply_to_current]] no.";
    expect(extractReplyDirectives(reply)).toEqual({
      text: "Yes.\nAnd no.",
      media: [],
      replyTo: { kind: "id", id: "8DF1-AA" },
    });
  });

  it("leaves a reply without directives as it was (but trimmed)", () => {
    expect(extractReplyDirectives("  plain [[not a tag]] text \n")).toEqual({
      text: "plain [[not a tag]] text",
      media: [],
    });
  });
});
