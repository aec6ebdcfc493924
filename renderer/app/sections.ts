/** The window's sections, in sidebar order. */
export interface Section {
  id: SectionId;
  title: string;
  /** What the section shows or lets the user do. */
  description: string;
}

export type SectionId = "status" | "pairing" | "allowlists" | "reminders" | "accounts" | "logs" | "settings";

export const sections: readonly Section[] = [
  { id: "status", title: "Status", description: "The gateway and each iMessage account at a glance." },
  {
    id: "pairing",
    title: "Pairing",
    description:
      "People who texted your assistant and received a pairing code. Approve them to let them chat.",
  },
  {
    id: "allowlists",
    title: "Allowlists",
    description:
      "Who may message the assistant, which group chats it answers in, and whether it waits to be mentioned.",
  },
  {
    id: "reminders",
    title: "Reminders",
    description: "Reminders and scheduled messages you set in chat: what is coming up, and what was sent.",
  },
  {
    id: "accounts",
    title: "Accounts",
    description: "The iMessage accounts Pinch answers for, and their own settings.",
  },
  { id: "logs", title: "Logs", description: "What the gateway is doing, live." },
  {
    id: "settings",
    title: "Settings",
    description: "How replies are formatted and split, attachments, and start at login.",
  },
];
