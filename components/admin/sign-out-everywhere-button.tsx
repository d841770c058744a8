"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { signOutEverywhereAction } from "@/lib/actions/account/sign-out-everywhere";

/** Ends every session of the signed-in user (other browsers at their next request), then this one. */
export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOutEverywhereAction();
        await signOut({ callbackUrl: "/login" });
      }}
      className="rounded border border-gray-400 px-3 py-1 text-sm hover:bg-gray-100"
    >
      Sign out everywhere
    </button>
  );
}
