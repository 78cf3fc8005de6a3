// The widget kit's hook for address-bar state: apply it once, after hydration, and say so.
//
// The server renders a widget with its defaults; reading the address during the first render
// would make the client's markup differ from the server's, so the address is applied in an
// effect. Until that effect has run, the widget shows the defaults, and a reader (or a test, or a
// script) acting in that moment would have its change overwritten. So the widget's figure carries
// `data-address="pending"` until the address has been applied and `data-address="applied"` after:
// whoever needs the widget's real state waits for that state, not for a clock.
//
//   const { notice, address } = useAddress(PARAM, decode, apply, 'the defaults');
//   return <figure class="widget" data-widget="…" {...address}>…
import { useEffect, useState } from "preact/hooks";
import { readUrlParam } from "./url-fields";

export type AddressAttributes = { "data-address": "pending" | "applied" };

/**
 * Run `apply` once after hydration (it reads the address and sets the widget's state, returning a
 * notice for a malformed address or null), then mark the figure applied.
 */
export function useAddressEffect(apply: () => string | null): {
  notice: string | null;
  setNotice: (n: string | null) => void;
  address: AddressAttributes;
} {
  const [notice, setNotice] = useState<string | null>(null);
  const [applied, setApplied] = useState(false);
  useEffect(() => {
    setNotice(apply());
    setApplied(true);
    // Runs once: the address is read at hydration only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return {
    notice,
    setNotice,
    address: { "data-address": applied ? "applied" : "pending" },
  };
}

/**
 * A widget whose state lives in one parameter: decode it (null when malformed) and apply it; a
 * malformed value leaves the defaults and gives a notice that names it and says what is shown.
 */
export function useAddress<T>(
  param: string,
  decode: (raw: string) => T | null,
  apply: (value: T) => void,
  shownInstead = "the defaults",
) {
  return useAddressEffect(() => {
    const raw = readUrlParam(param);
    if (raw === null) return null;
    const value = decode(raw);
    if (value === null)
      return `The address held an invalid setting (${param}=${raw.slice(0, 80)}); showing ${shownInstead}.`;
    apply(value);
    return null;
  });
}
