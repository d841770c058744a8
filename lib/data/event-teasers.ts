/**
 * An expert's upcoming events for their profile (App Router), from Next's data cache under
 * the events tag too, so an event leaves the list when it ends (lib/cache/tags.mjs).
 */
import { EVENTS_TAG, LISTINGS_TAG, TAXONOMY_TAG } from "@/lib/cache/tags.mjs";
import { cachedRead } from "./cache";
import { readUpcomingEvents } from "./events";

export const getUpcomingEventsOfSpeaker = cachedRead(
  (authorId: number) => readUpcomingEvents(5, { authorId }),
  ["upcoming-events-of-speaker"],
  [LISTINGS_TAG, TAXONOMY_TAG, EVENTS_TAG],
);
