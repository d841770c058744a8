"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl: "/login" });
      }}
      className="rounded border border-gray-400 px-3 py-1 text-sm hover:bg-gray-100"
    >
      Sign out
    </button>
  );
}
