import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { DigestFields } from "@/components/admin/digest-fields";
import { createDigest } from "@/lib/actions/digests/create-digest";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New digest" };

export default async function NewDigestPage() {
  await requirePermission("subscribers.manage", "/admin/digests/new");
  return (
    <>
      <h1 className="text-2xl font-bold">New digest</h1>
      <ActionForm action={createDigest} submitLabel="Create digest" className="mt-6 max-w-2xl space-y-4">
        <DigestFields />
      </ActionForm>
    </>
  );
}
