import type { ButtonHTMLAttributes } from "react";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "danger" | "plain" };

export function Button({ variant = "plain", className, type, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? "button"}
      className={`button ${className ?? ""}`}
      data-variant={variant}
      {...rest}
    />
  );
}
