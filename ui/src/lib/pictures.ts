// Pictures are shown from blob: URLs made from bytes the app decrypts on
// request: they live in this page's memory only (never a file, never the
// HTTP cache), and are all revoked when the binder locks.
import { api } from "./api";
import type { Size } from "../bindings/Size";

const urls = new Map<string, Promise<string>>();

export function pictureUrl(id: string, size: Size = "thumb"): Promise<string> {
  const key = `${id}/${size}`;
  let url = urls.get(key);
  if (!url) {
    url = api.pictureBytes(id, size).then((bytes) => URL.createObjectURL(new Blob([bytes], { type: "image/jpeg" })));
    urls.set(key, url);
    url.catch(() => urls.delete(key));
  }
  return url;
}

export async function forgetPictures() {
  const all = [...urls.values()];
  urls.clear();
  for (const u of all) {
    try {
      URL.revokeObjectURL(await u);
    } catch {
      /* a failed fetch has nothing to revoke */
    }
  }
}
