// What the phone offers that WebAssembly reaches more simply through
// JavaScript: IndexedDB (the outbox keeps photos as Blobs), shrinking a
// camera photo on a canvas, the GPS position, and authorised downloads.
// The app's rules stay in Rust; these functions only store and fetch.

const DB_NAME = "passerelle";
const OUTBOX = "outbox";
const KEPT = "kept";

let opening = null;

function database() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(OUTBOX, { keyPath: "id" });
        request.result.createObjectStore(KEPT);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opening = null;
        reject(request.error);
      };
    });
  }
  return opening;
}

async function run(store, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const result = work(tx.objectStore(store));
    // Resolve once the transaction is durable, not when the request succeeds.
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/// Saves an entry: `meta` is the app's JSON text, `photos` an array of {id, blob}.
export async function outboxSave(id, meta, photos) {
  const entry = { id, meta, photos: photos.map((p) => ({ id: p.id, blob: p.blob, uploaded: false })) };
  await run(OUTBOX, "readwrite", (store) => store.put(entry));
}

export async function outboxSetMeta(id, meta) {
  const entry = await run(OUTBOX, "readonly", (store) => store.get(id));
  if (!entry) return;
  entry.meta = meta;
  await run(OUTBOX, "readwrite", (store) => store.put(entry));
}

export async function outboxPhotoUploaded(id, photoId) {
  const entry = await run(OUTBOX, "readonly", (store) => store.get(id));
  if (!entry) return;
  for (const photo of entry.photos) {
    if (photo.id === photoId) {
      photo.uploaded = true;
      photo.blob = null; // sent: the phone no longer needs to keep it
    }
  }
  await run(OUTBOX, "readwrite", (store) => store.put(entry));
}

/// Every entry as {id, meta, photos: [{id, uploaded}]}, without the images.
export async function outboxList() {
  const entries = await run(OUTBOX, "readonly", (store) => store.getAll());
  return (entries || []).map((e) => ({
    id: e.id,
    meta: e.meta,
    photos: e.photos.map((p) => ({ id: p.id, uploaded: p.uploaded })),
  }));
}

export async function outboxPhoto(id, photoId) {
  const entry = await run(OUTBOX, "readonly", (store) => store.get(id));
  const photo = entry && entry.photos.find((p) => p.id === photoId);
  return photo ? photo.blob : null;
}

export async function outboxDelete(id) {
  await run(OUTBOX, "readwrite", (store) => store.delete(id));
}

/// Forgets everything kept on this phone (sign-out).
export async function forgetAll() {
  await run(OUTBOX, "readwrite", (store) => store.clear());
  await run(KEPT, "readwrite", (store) => store.clear());
}

export async function keep(key, text) {
  await run(KEPT, "readwrite", (store) => store.put(text, key));
}

export async function kept(key) {
  const value = await run(KEPT, "readonly", (store) => store.get(key));
  return value === undefined ? null : value;
}

/// A random UUID (v4), even where `crypto.randomUUID` is missing (plain http).
export function newUuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/// A camera photo shrunk so its longer side is at most `maxSide`, as JPEG.
export async function shrinkPhoto(file, maxSide, quality) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("photo"))), "image/jpeg", quality),
  );
}

/// The phone's position as {latitude, longitude, accuracy}, or null.
export function currentPosition() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
}

/// Sends a Blob with the session's token; answers [status, text].
export async function putBlob(url, token, blob) {
  const response = await fetch(url, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": blob.type || "application/octet-stream" },
    body: blob,
  });
  return [response.status, await response.text()];
}

/// POSTs a file (an import) with the session's token; answers [status, body text].
export async function postBlob(url, token, blob) {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": blob.type || "application/octet-stream" },
    body: blob,
  });
  return [response.status, await response.text()];
}

/// Fetches a file with the session's token; answers [status, objectUrl or error text].
export async function fetchObjectUrl(url, token) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return [response.status, await response.text()];
  return [response.status, URL.createObjectURL(await response.blob())];
}

export function objectUrl(blob) {
  return URL.createObjectURL(blob);
}

/// Offers a file to the phone's share sheet (mail, messaging); false where unsupported.
export async function shareFile(objectUrlText, fileName, title) {
  const blob = await (await fetch(objectUrlText)).blob();
  const file = new File([blob], fileName, { type: blob.type });
  if (!navigator.canShare || !navigator.canShare({ files: [file] })) return false;
  try {
    await navigator.share({ files: [file], title });
    return true;
  } catch {
    return true; // the person closed the share sheet
  }
}

let scanning = null;

/// Reads a QR code with the camera into `video`; answers its text, or null
/// where the browser cannot (no BarcodeDetector, no camera, refused).
export async function scanQr(video) {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return null;
  const detector = new BarcodeDetector({ formats: ["qr_code"] });
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch {
    return null;
  }
  video.srcObject = stream;
  await video.play();
  scanning = stream;
  try {
    while (scanning === stream) {
      const found = await detector.detect(video);
      if (found.length > 0) return found[0].rawValue;
      await new Promise((r) => setTimeout(r, 250));
    }
    return null;
  } finally {
    stream.getTracks().forEach((t) => t.stop());
    video.srcObject = null;
    if (scanning === stream) scanning = null;
  }
}

export function stopScan() {
  scanning = null;
}

export function canScan() {
  return "BarcodeDetector" in window && !!navigator.mediaDevices;
}
