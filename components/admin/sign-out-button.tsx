"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { signOutEverywhereAction } from "@/lib/actions/account/sign-out-everywhere";

/**
 * "Sign out", or with `everywhere` "Sign out everywhere": every session of this user ends
 * (other browsers at their next request), then this one.
 */
export function SignOutButton({ everywhere = false }: { everywhere?: boolean }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        if (everywhere) await signOutEverywhereAction();
        await signOut({ callbackUrl: "/login" });
      }}
      className="rounded border border-gray-400 px-3 py-1 text-sm hover:bg-gray-100"
    >
      {everywhere ? "Sign out everywhere" : "Sign out"}
    </button>
  );
}
