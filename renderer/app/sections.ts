/** The window's sections, in sidebar order. Only the available ones have a screen so far. */
export interface Section {
  id: SectionId;
  title: string;
  /** What the section shows or lets the user do; also shown while it is not available yet. */
  description: string;
  available: boolean;
}

export type SectionId = "status" | "pairing" | "allowlists" | "accounts" | "settings";

export const sections: readonly Section[] = [
  {
    id: "status",
    title: "Status",
    description: "The gateway and each iMessage account at a glance.",
    available: true,
  },
  {
    id: "pairing",
    title: "Pairing",
    description:
      "People who texted your assistant and received a pairing code. Approve them to let them chat, or dismiss the request.",
    available: false,
  },
  {
    id: "allowlists",
    title: "Allowlists",
    description:
      "Who may message the assistant directly, which group chats it answers in, and whether it waits to be mentioned there.",
    available: false,
  },
  {
    id: "accounts",
    title: "Accounts",
    description:
      "The iMessage accounts Pinch answers for, on this Mac or on another one over SSH, with the permissions each one needs.",
    available: false,
  },
  {
    id: "settings",
    title: "Settings",
    description:
      "The agent that writes the replies, how replies are formatted and split, and whether Pinch opens at login.",
    available: false,
  },
];
