export type FormMessage = { tone: "error" | "success"; text: string } | null;

/** A form's outcome. Both live regions are always present, so screen readers announce what appears in them. */
export function FormMessages({ message }: { message: FormMessage }) {
  return (
    <>
      <p role="status" className="text-green-800">
        {message?.tone === "success" ? message.text : ""}
      </p>
      <p role="alert" className="text-red-800">
        {message?.tone === "error" ? message.text : ""}
      </p>
    </>
  );
}
