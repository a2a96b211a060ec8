"use client";
// Scalar's reference renders /api/v1/openapi.json in the browser. It is loaded only on this page
// (dynamic import, no SSR), with its web fonts, developer toolbar, AI agent and telemetry off,
// so nothing is fetched from outside this server.
import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="p-6 text-sm text-slate-600">Loading the API reference…</p>,
});

export function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/v1/openapi.json",
        withDefaultFonts: false,
        showDeveloperTools: "never",
        telemetry: false,
        hideClientButton: true,
        hideDarkModeToggle: true,
        forceDarkModeState: "light",
        agent: { disabled: true },
      }}
    />
  );
}
