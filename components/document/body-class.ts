/** The <body> classes of every page, App Router (app/layout.tsx) and Pages Router (pages/_document.tsx) alike. */
export const BODY_CLASS = "min-h-screen bg-white font-sans text-ink antialiased";
