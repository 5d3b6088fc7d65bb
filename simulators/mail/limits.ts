/**
 * Limits of the SMTP gateway and of the outbox relay (STYLE.md §14). Each one says why it has
 * the value it has and what a client gets beyond it. The gateway announces {@link MAX_MAIL_BYTES}
 * with the SIZE extension; tests may lower the others through `startSmtpGateway`'s `limits`.
 */

/**
 * Largest mail accepted, in bytes as sent (after dot-stuffing is undone). Announced in the EHLO
 * reply (`SIZE 10240000`, RFC 1870): a client that declares a larger `SIZE=` is refused at
 * MAIL FROM, and a mail that turns out larger is answered `552` after its final dot. Postfix's
 * default `message_size_limit` — what the providers' own mail servers most plausibly keep. A
 * mail-to-SMS message is a few hundred bytes; an iSendPro mail with `mobiles.csv` attached stays
 * far below it too.
 */
export const MAX_MAIL_BYTES = 10_240_000

/**
 * Largest header block of one MIME part read, in bytes (`554` beyond: the mail cannot be read,
 * and is handed to no provider). mailparser's own default, stated here: a provider reads a few
 * headers (From, Subject, Message-ID), and the largest honest header blocks — long Received
 * chains, DKIM signatures — stay in the tens of kilobytes.
 */
export const MAX_MIME_HEAD_BYTES = 1_048_576

/**
 * Most MIME parts read in one mail, nested or side by side (`554` beyond). mailparser's own
 * default, stated here: an iSendPro mail with `mobiles.csv` and `message.csv` has four parts, a
 * mail with a signature logo and an HTML alternative a handful. It also bounds how deep parts
 * nest, each level being one more part.
 */
export const MAX_MIME_PARTS = 1_000

/**
 * Most recipients accepted in one mail (`452 too many recipients` beyond, RFC 5321 §4.5.3.1.10
 * asks servers to take at least 100 and lets them refuse more with 452). Every provider takes a
 * single address per mail; ten lets one mail reach several providers and SMStoB's three
 * address forms at once, and no more.
 */
export const MAX_RECIPIENTS_PER_MAIL = 10

/**
 * Refused recipients one connection may try before it is closed (`421`). A client with a typo
 * in the address gets a 550 naming the right ones; a client looping over addresses (probing
 * for an open relay) is cut off instead of being answered forever.
 */
export const MAX_REFUSED_RECIPIENTS_PER_SESSION = 50

/**
 * Connections open at once (`421 Too many connected clients` beyond). Each may hold a mail of
 * up to {@link MAX_MAIL_BYTES} in memory, so this bounds the gateway near 650 MB in the worst
 * case, while leaving room for a dozen pooled senders (nodemailer's pool opens 5) in a load test.
 *
 * @note Left at 64 when the time bounds below came (issue 10): connections cost an attacker
 * nothing, so a higher count only changes how many it opens, and raises the memory bound with
 * it. What frees a slot held by a slow client is {@link COMMAND_LINE_TIMEOUT_MS} and
 * {@link SESSION_WITHOUT_MAIL_MS}.
 */
export const MAX_CLIENTS = 64

/**
 * Longest an SMTP command line may be (`421` and the connection closed beyond). smtp-server's
 * own default: RFC 5321 §4.5.3.1.4 allows 512 bytes, and `AUTH PLAIN` with a long token needs
 * a few kilobytes more.
 */
export const MAX_COMMAND_BYTES = 16 * 1024

/**
 * A connection that sends nothing for this long is closed (`421 Timeout`). It only counts while
 * the client owes us input, never while a mail is being decided. Half the library's default:
 * an idle pooled sender gets its connection back within the time a test suite runs.
 */
export const SOCKET_TIMEOUT_MS = 30_000

/**
 * Longest a command line may take to arrive, from its first byte to its line end (`421
 * Timeout - command line not completed within 10 s` beyond, and the connection closed). The
 * idle timeout alone does not bound it: any byte resets that one, so a client trickling a byte
 * every few seconds held a slot for ever. A program writes a line at once, and even the longest
 * one ({@link MAX_COMMAND_BYTES}) takes a quarter of a second at {@link MIN_MAIL_BYTES_PER_SECOND};
 * 10 s also outlasts three lost TCP retransmissions (1 + 2 + 4 s) on a bad link, and a person
 * typing into nc or telnet sends each line whole when they press Enter.
 */
export const COMMAND_LINE_TIMEOUT_MS = 10_000

/**
 * Longest a session may last without a mail accepted (`421 Timeout - no mail accepted within
 * 60 s of session` beyond, and the connection closed). It starts at the greeting and again at
 * each mail answered `250`; NOOP, RSET, HELO/EHLO, VRFY, AUTH and refused recipients do not
 * reset it, so a client looping over NOOP gives its slot back too. A mail being sent or decided
 * is never cut by it: a session that runs out meanwhile ends after the mail's reply, unless the
 * mail was accepted. A program sends its mail within a second of the greeting and a pooled one
 * every few seconds; a minute also lets a person type a session by hand.
 */
export const SESSION_WITHOUT_MAIL_MS = 60_000

/**
 * The slowest rate at which an honest client is assumed to send a mail: 64 KiB/s (512 kbit/s),
 * a poor ADSL uplink. Sizes {@link DATA_TIMEOUT_MS}.
 */
export const MIN_MAIL_BYTES_PER_SECOND = 65_536

/**
 * Longest a mail may take to arrive, from the `354` that answers DATA to its final dot (`421
 * Timeout - mail not received within 157 s` beyond, and the connection closed): a mail of
 * {@link MAX_MAIL_BYTES} at {@link MIN_MAIL_BYTES_PER_SECOND}, rounded up to the second. The
 * command-line and session bounds do not run meanwhile (a mail's lines are not commands, and a
 * large mail on a slow link is progress), so without this one a client trickling its mail
 * would hold a slot for ever. The idle timeout still applies between the mail's bytes.
 */
export const DATA_TIMEOUT_MS = Math.ceil(MAX_MAIL_BYTES / MIN_MAIL_BYTES_PER_SECOND) * 1_000

/**
 * When the gateway stops, how long a mail in flight has to finish before every connection is
 * answered `421` and closed. Short: smsim stops at the end of a test run, and a pooled client
 * left open should not hold the run up.
 */
export const CLOSE_GRACE_MS = 1_000

/**
 * Outbox mails waiting for the relay at once. Past it a mail is journalled as not relayed
 * instead of queued: a relay that is down must not make a long load test grow without bound.
 */
export const MAX_RELAY_QUEUE = 1_000

/** How long the relay waits for the smarthost to connect, greet and take a mail. */
export const RELAY_TIMEOUT_MS = 10_000
