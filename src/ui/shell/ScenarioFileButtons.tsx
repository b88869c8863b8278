/** Download the open project as a scenario .json, or open one (validated by parse_scenario) as a new draft. */
import { useRef } from "react";
import { useLibrary } from "../session-context";
import { saveTextFile } from "./Dialog";

export function ScenarioFileButtons({ onOpened }: { onOpened?: () => void }) {
  const library = useLibrary();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="button-row">
      <button
        className="button"
        onClick={() => {
          const file = library.download();
          if (file) saveTextFile(file.name, file.text);
        }}
      >
        Download scenario (.json)
      </button>
      <button className="button" onClick={() => input.current?.click()}>
        Open scenario…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Scenario file to open"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file && library.openFile(file.name, await file.text())) onOpened?.();
        }}
      />
    </div>
  );
}
