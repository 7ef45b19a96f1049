/**
 * Messages added by the remote-fault review, round 3 (helper F): answers that are not what they claim
 * (HTML pages, damaged compression, cut JSON), deadlines, digests delivered in part. zh-Hans-faults.ts
 * has the same keys.
 */
export const enFaults = {
  "faults.http.html_page": "{method} {path} answered with an HTML page instead of JSON",
  "faults.http.html_page_titled": '{method} {path} answered with an HTML page ("{title}") instead of JSON',
  "faults.http.html_hint":
    "something between merchops and {platform} answered instead (a Wi-Fi or proxy login page, a firewall, a maintenance page): open the address in a browser on this machine, then run again",
  "faults.http.html_error": "an HTML page instead of the API's answer",
  "faults.http.html_error_titled": 'an HTML page ("{title}") instead of the API\'s answer',
  "faults.http.challenge_hint":
    "a firewall or bot check in front of the site (Cloudflare or similar) stopped the request before {platform} saw it: ask whoever runs the site to let this machine (or the API path) through",
  "faults.http.json_cut_hint": "the answer broke off or was damaged on the way (an unstable connection or a proxy); run again",
  "faults.http.bad_compression": "the compressed answer is damaged ({code})",
  "faults.http.timeout_hint": "if the service is only slow, raise http.timeoutMs (now {ms} ms) in its config; else check the network",
  "faults.http.deadline":
    "gave up after {seconds} s, the total time one request may take (http.totalTimeoutMs), over {n, plural, one {# attempt} other {# attempts}}: {detail}",
  "faults.http.deadline_hint":
    "the service is failing or too slow; run again later, or raise http.totalTimeoutMs (now {ms} ms) in its config",
  "faults.digest.skipped": "{channel} ({type}) already got today's digest at {at}: not sent again (--resend sends it again)",
  "faults.email.temporary_hint":
    "the mail server refused for now ({code}: greylisting, a full mailbox or a busy server); run the digest again in a few minutes: only the channels that missed it are sent to",
  "faults.email.permanent_hint":
    "the mail server refused for good ({code}): check the from and to addresses and the message size; sending again as it is will not help",
  "faults.notify.html_page": "an HTML page answered instead of the service",
  "faults.notify.html_page_titled": 'an HTML page ("{title}") answered instead of the service',
  "faults.paging.kept_shifting":
    "{what} kept changing while it was read (records changed or deleted on pages already read; read again {n} times)",
  "faults.paging.kept_shifting_hint": "what was read is kept and the next run goes on from it; run again when the store is quieter",
};
