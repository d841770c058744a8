import type { DigestStatus } from "@/lib/generated/prisma/client";

export const DIGEST_STATUS_LABELS: Record<DigestStatus, string> = {
  DRAFT: "Draft",
  SENDING: "Sending",
  SENT: "Sent",
  CANCELLED: "Cancelled",
};
