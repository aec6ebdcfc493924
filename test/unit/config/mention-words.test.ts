import { describe, expect, it } from "vitest";
import { mentionPatternOfWord, wordOfMentionPattern } from "../../../app/config/mention-words.ts";

const mentions = (word: string, text: string) => new RegExp(mentionPatternOfWord(word), "i").test(text);

describe("mention words", () => {
  it("a word is mentioned in any case, with or without an @", () => {
    expect(mentions("Pinch", "pinch, what time is it?")).toBe(true);
    expect(mentions("Pinch", "ask @PINCH")).toBe(true);
  });

  it("a word inside another word is not a mention", () => {
    expect(mentions("Pinch", "a pinched nerve")).toBe(false);
  });

  it("a name of two words is mentioned with any spacing between them", () => {
    expect(mentions("Claw Bot", "hey claw   bot")).toBe(true);
  });

  it("symbols in a word are matched as typed, not as pattern syntax", () => {
    expect(mentions("C++", "ask c++ please")).toBe(true);
    expect(mentions("a.b", "ask axb")).toBe(false);
  });

  it("an emoji is a mention on its own", () => {
    expect(mentions("🦞", "🦞 help")).toBe(true);
  });

  it("reads back the word of every pattern it writes", () => {
    for (const word of ["Pinch", "Claw Bot", "C++", "🦞", "a.b"]) {
      expect(wordOfMentionPattern(mentionPatternOfWord(word))).toBe(word);
    }
  });

  it("reads a hand-written \\bword\\b pattern as that word", () => {
    expect(wordOfMentionPattern("\\bpinch\\b")).toBe("pinch");
  });

  it("leaves a real regular expression as a pattern", () => {
    expect(wordOfMentionPattern("pin(ch)?")).toBeUndefined();
    expect(wordOfMentionPattern("\\bclaw\\b|\\bpinch\\b")).toBeUndefined();
  });
});
