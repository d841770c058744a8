import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/config";
import { malformedAuthRequest } from "@/lib/http/auth-request";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's handler, behind a check of what it cannot take (a 400 rather than its 500). */
async function guarded(request: Request, context: Context): Promise<Response> {
  return (await malformedAuthRequest(request)) ?? handler(request, context);
}

export { guarded as GET, guarded as POST };
