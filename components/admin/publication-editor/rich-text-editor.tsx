"use client";

import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { MediaPicker } from "@/components/admin/media-picker";
import { cleanPastedHtml } from "@/lib/content/paste";
import { safeHref, safeImageSrc } from "@/lib/content/render-html";
import { videoEmbedUrl } from "@/lib/content/video";
import type { MediaItem } from "@/lib/media/types";
import { editorExtensions } from "./extensions";

type Panel = "link" | "image" | "video" | "footnote" | null;

const buttonClass =
  "rounded border border-gray-400 px-2 py-1 text-sm aria-pressed:bg-accent aria-pressed:text-white disabled:opacity-50";

function ToolbarButton({
  label,
  pressed,
  onClick,
  children,
  disabled,
}: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onClick={onClick}
      disabled={disabled}
      className={buttonClass}
    >
      {children}
    </button>
  );
}

function Toolbar({ editor, panel, setPanel }: { editor: Editor; panel: Panel; setPanel: (panel: Panel) => void }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      underline: current.isActive("underline"),
      strike: current.isActive("strike"),
      code: current.isActive("code"),
      h2: current.isActive("heading", { level: 2 }),
      h3: current.isActive("heading", { level: 3 }),
      h4: current.isActive("heading", { level: 4 }),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      blockquote: current.isActive("blockquote"),
      link: current.isActive("link"),
      table: current.isActive("table"),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggle = (name: Exclude<Panel, null>) => setPanel(panel === name ? null : name);
  return (
    <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 border-b border-rule bg-gray-50 p-2">
      <ToolbarButton label="Bold" pressed={state.bold} onClick={() => chain().toggleBold().run()}>
        <strong>B</strong>
      </ToolbarButton>
      <ToolbarButton label="Italic" pressed={state.italic} onClick={() => chain().toggleItalic().run()}>
        <em>I</em>
      </ToolbarButton>
      <ToolbarButton label="Underline" pressed={state.underline} onClick={() => chain().toggleUnderline().run()}>
        <u>U</u>
      </ToolbarButton>
      <ToolbarButton label="Strikethrough" pressed={state.strike} onClick={() => chain().toggleStrike().run()}>
        <s>S</s>
      </ToolbarButton>
      <ToolbarButton label="Code" pressed={state.code} onClick={() => chain().toggleCode().run()}>
        {"</>"}
      </ToolbarButton>
      <ToolbarButton label="Heading 2" pressed={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolbarButton>
      <ToolbarButton label="Heading 3" pressed={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolbarButton>
      <ToolbarButton label="Heading 4" pressed={state.h4} onClick={() => chain().toggleHeading({ level: 4 }).run()}>
        H4
      </ToolbarButton>
      <ToolbarButton label="Bulleted list" pressed={state.bulletList} onClick={() => chain().toggleBulletList().run()}>
        • List
      </ToolbarButton>
      <ToolbarButton
        label="Numbered list"
        pressed={state.orderedList}
        onClick={() => chain().toggleOrderedList().run()}
      >
        1. List
      </ToolbarButton>
      <ToolbarButton label="Quote" pressed={state.blockquote} onClick={() => chain().toggleBlockquote().run()}>
        “ ”
      </ToolbarButton>
      <ToolbarButton label="Horizontal rule" onClick={() => chain().setHorizontalRule().run()}>
        ―
      </ToolbarButton>
      <ToolbarButton label="Link" pressed={state.link || panel === "link"} onClick={() => toggle("link")}>
        Link
      </ToolbarButton>
      <ToolbarButton label="Image" pressed={panel === "image"} onClick={() => toggle("image")}>
        Image
      </ToolbarButton>
      <ToolbarButton
        label="Table"
        pressed={state.table}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        Table
      </ToolbarButton>
      {state.table ? (
        <>
          <ToolbarButton label="Add row" onClick={() => chain().addRowAfter().run()}>
            + Row
          </ToolbarButton>
          <ToolbarButton label="Add column" onClick={() => chain().addColumnAfter().run()}>
            + Col
          </ToolbarButton>
          <ToolbarButton label="Delete table" onClick={() => chain().deleteTable().run()}>
            × Table
          </ToolbarButton>
        </>
      ) : null}
      <ToolbarButton label="Video" pressed={panel === "video"} onClick={() => toggle("video")}>
        Video
      </ToolbarButton>
      <ToolbarButton label="Footnote" pressed={panel === "footnote"} onClick={() => toggle("footnote")}>
        Note
      </ToolbarButton>
      <ToolbarButton label="Undo" disabled={!state.canUndo} onClick={() => chain().undo().run()}>
        ↶
      </ToolbarButton>
      <ToolbarButton label="Redo" disabled={!state.canRedo} onClick={() => chain().redo().run()}>
        ↷
      </ToolbarButton>
    </div>
  );
}

const inputClass = "mt-1 block w-full rounded border border-gray-500 px-2 py-1";

function InsertPanel({ editor, panel, close }: { editor: Editor; panel: Exclude<Panel, null>; close: () => void }) {
  const [error, setError] = useState("");
  const [pickerOpen, setPickerOpen] = useState(false);

  function insertImage(attrs: {
    src: string;
    alt: string;
    caption?: string;
    credit?: string;
    width?: number | null;
    height?: number | null;
    mediaId?: number | null;
  }) {
    // A paragraph after the figure takes the cursor: left on the figure itself, the next
    // keystroke would replace the image with text.
    editor
      .chain()
      .focus()
      .insertContent([{ type: "image", attrs }, { type: "paragraph" }])
      .run();
    close();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "").trim();
    if (panel === "link") {
      const href = safeHref(value("href"));
      if (!href) return setError("Links must start with https://, http:// or mailto:");
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    } else if (panel === "image") {
      if (!safeImageSrc(value("src"))) return setError("Use an image from the media library or an https:// address.");
      if (!value("alt")) return setError("Every image needs alt text.");
      return insertImage({ src: value("src"), alt: value("alt"), caption: value("caption"), credit: value("credit") });
    } else if (panel === "video") {
      if (!videoEmbedUrl(value("video"))) return setError("Only YouTube and Vimeo addresses can be embedded.");
      editor
        .chain()
        .focus()
        .insertContent({ type: "youtube", attrs: { src: value("video") } })
        .run();
    } else {
      if (!value("note")) return setError("Write the footnote's text.");
      editor
        .chain()
        .focus()
        .insertContent({ type: "footnote", attrs: { content: value("note") } })
        .run();
    }
    close();
  }

  return (
    <>
      <form
        onSubmit={submit}
        aria-label={`Insert ${panel}`}
        className="grid gap-2 border-b border-rule bg-blue-50 p-3 text-sm sm:grid-cols-2"
      >
        {panel === "link" ? (
          <label className="sm:col-span-2">
            Link address
            <input
              name="href"
              type="text"
              defaultValue={editor.getAttributes("link").href ?? ""}
              className={inputClass}
              autoFocus
            />
          </label>
        ) : null}
        {panel === "image" ? (
          <>
            <div className="sm:col-span-2">
              <button
                type="button"
                onClick={() => setPickerOpen(true)}
                className="rounded border border-accent px-3 py-1 text-accent"
              >
                Choose from media library
              </button>
              <span className="ml-2 text-muted">or give an address:</span>
            </div>
            <label>
              Image address
              <input name="src" type="text" className={inputClass} />
            </label>
            <label>
              Alt text
              <input name="alt" type="text" maxLength={500} className={inputClass} />
            </label>
            <label>
              Image caption
              <input name="caption" type="text" maxLength={1000} className={inputClass} />
            </label>
            <label>
              Image credit
              <input name="credit" type="text" maxLength={300} className={inputClass} />
            </label>
          </>
        ) : null}
        {panel === "video" ? (
          <label className="sm:col-span-2">
            Video address (YouTube or Vimeo)
            <input name="video" type="url" className={inputClass} autoFocus />
          </label>
        ) : null}
        {panel === "footnote" ? (
          <label className="sm:col-span-2">
            Footnote text
            <textarea name="note" rows={2} maxLength={5000} className={inputClass} autoFocus />
          </label>
        ) : null}
        {error ? (
          <p role="alert" className="text-red-800 sm:col-span-2">
            {error}
          </p>
        ) : null}
        <div className="flex gap-2 sm:col-span-2">
          <button type="submit" className="rounded bg-accent px-3 py-1 font-semibold text-white">
            {panel === "link"
              ? "Apply link"
              : panel === "image"
                ? "Insert image"
                : panel === "video"
                  ? "Insert video"
                  : "Insert footnote"}
          </button>
          {panel === "link" && editor.isActive("link") ? (
            <button
              type="button"
              onClick={() => {
                editor.chain().focus().unsetLink().run();
                close();
              }}
              className="rounded border border-gray-500 px-3 py-1"
            >
              Remove link
            </button>
          ) : null}
          <button type="button" onClick={close} className="rounded border border-gray-500 px-3 py-1">
            Cancel
          </button>
        </div>
      </form>
      {/* Outside the form above: the picker has forms of its own, and forms must not nest. */}
      {panel === "image" ? (
        <MediaPicker
          open={pickerOpen}
          kind="IMAGE"
          onClose={() => setPickerOpen(false)}
          onSelect={(item: MediaItem) => {
            setPickerOpen(false);
            insertImage({
              src: item.url,
              alt: item.alt || item.filename,
              caption: item.caption,
              credit: item.credit,
              width: item.width,
              height: item.height,
              mediaId: item.id,
            });
          }}
        />
      ) : null}
    </>
  );
}

/** The body field: TipTap with a labelled toolbar, pastes from Word/Google Docs cleaned. */
export function RichTextEditor({
  initialContent,
  onChange,
  labelledBy,
}: {
  /** A document, or stored HTML (which the editor parses). */
  initialContent: JSONContent | string;
  onChange: (doc: JSONContent) => void;
  labelledBy: string;
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const editor = useEditor({
    extensions: editorExtensions,
    content: initialContent,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        "aria-labelledby": labelledBy,
        "aria-multiline": "true",
        role: "textbox",
        class: "prose-body font-serif text-lg px-4 py-3",
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON()),
  });
  if (!editor) return <div className="min-h-80 rounded border border-gray-500 p-4 text-muted">Loading the editor…</div>;
  return (
    <div className="editor-body rounded border border-gray-500">
      <Toolbar editor={editor} panel={panel} setPanel={setPanel} />
      {panel ? <InsertPanel key={panel} editor={editor} panel={panel} close={() => setPanel(null)} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
