/**
 * What an event's registration box says, from its particulars and its confirmed seats.
 * Pure: the event page, the registration endpoint and the admin all ask the same question.
 */
import type { EventRegistrationMode, EventState } from "@/lib/generated/prisma/client";

export type RegistrationFacts = {
  state: EventState;
  registrationMode: EventRegistrationMode;
  startsAt: Date;
  endsAt: Date;
  /** Null: no limit. */
  capacity: number | null;
  /** Null: registration closes when the event starts. */
  registrationDeadline: Date | null;
  /** Confirmed registrations holding a seat. */
  seatsTaken: number;
};

export type RegistrationStatus =
  /** The event is over: "This event has ended". */
  | "ended"
  /** Called off: "This event has been cancelled". */
  | "cancelled"
  /** No registration needed, or registration happens elsewhere. */
  | "none"
  | "external"
  /** Past the deadline (or the start): "Registration closed". */
  | "closed"
  /** Seats left: "Register". */
  | "open"
  /** Full: new registrations join the waitlist ("Waitlist"). */
  | "waitlist";

export function registrationStatus(event: RegistrationFacts, now: Date): RegistrationStatus {
  if (event.endsAt.getTime() <= now.getTime()) return "ended";
  if (event.state === "CANCELLED") return "cancelled";
  if (event.registrationMode === "NONE") return "none";
  if (event.registrationMode === "EXTERNAL") return "external";
  if (now.getTime() >= registrationClosesAt(event).getTime()) return "closed";
  if (event.capacity !== null && event.seatsTaken >= event.capacity) return "waitlist";
  return "open";
}

/** When built-in registration stops taking names: the deadline, or the start. */
export function registrationClosesAt(event: Pick<RegistrationFacts, "startsAt" | "registrationDeadline">): Date {
  const deadline = event.registrationDeadline;
  return deadline && deadline.getTime() < event.startsAt.getTime() ? deadline : event.startsAt;
}

/**
 * The moments at which the status changes by itself, with no write to trigger a new
 * rendering: the event page and listings are invalidated then (a scheduled job).
 */
export function statusChangesAt(
  event: Pick<RegistrationFacts, "startsAt" | "endsAt" | "registrationDeadline">,
): Date[] {
  return [registrationClosesAt(event), event.endsAt];
}
