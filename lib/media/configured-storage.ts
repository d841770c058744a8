import "server-only";
import { env } from "@/lib/env";
import { storageForEnvironment } from "./storage-for-environment";

/** The storage the environment asks for: S3 when its five variables are set, else local disk. */
export const mediaStorage = storageForEnvironment(env);
