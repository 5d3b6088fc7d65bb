/**
 * A reader of `GET /_smsim/events` as a browser's dashboard reads it with a token: `fetch` and
 * the body's reader (an EventSource cannot send `Authorization`). It parses the frames as they
 * come and hands each event to the test that asks for it.
 *
 * @example
 * const events = await openEvents(smsim.url)
 * await fetch(`${smsim.url}/smstob/http.php?…`)
 * const { data } = await events.next((e) => e.event === 'sms')
 * await events.close()
 */

/** One event of the stream, its data parsed as JSON. */
export interface ServerEvent {
  id: number
  event: string
  data: unknown
}

export interface EventReader {
  response: Response
  /**
   * The next event `test` accepts (those before it are passed over); rejects when none came
   * within `withinMs` or the stream ended.
   */
  next(test?: (event: ServerEvent) => boolean, withinMs?: number): Promise<ServerEvent>
  /** The next comment line (`: keep-alive`), as {@link next} does for events. */
  comment(withinMs?: number): Promise<string>
  /** The `retry:` value the stream opened with. */
  retry(): number | undefined
  /** Cancels the body: the client goes away. */
  close(): Promise<void>
}

/** How long {@link EventReader.next} waits by default: a change is told within milliseconds. */
const NEXT_WITHIN_MS = 5_000

/** Opens the stream of the smsim at `url`; the response is returned whatever its status. */
export async function openEvents(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventReader> {
  const response = await fetch(`${url}/_smsim/events`, { headers })
  const events: ServerEvent[] = []
  const comments: string[] = []
  let retry: number | undefined
  let ended = false
  let wake: () => void = () => undefined
  const reader = response.ok ? response.body!.getReader() : undefined

  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader!.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const fields: Record<string, string> = {}
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line)
            else fields[line.slice(0, line.indexOf(':'))] = line.slice(line.indexOf(':') + 2)
          }
          if (fields.retry !== undefined) retry = Number(fields.retry)
          if (fields.event !== undefined)
            events.push({
              id: Number(fields.id),
              event: fields.event,
              data: JSON.parse(fields.data ?? 'null'),
            })
        }
        wake()
      }
    } catch {
      // Cancelled by close(), or the server cut the stream: both end it.
    }
    ended = true
    wake()
  })()

  /** Waits until `take` finds something in what arrived, or the stream ends, or time is up. */
  const until = async <T>(take: () => T | undefined, withinMs: number, what: string) => {
    const deadline = performance.now() + withinMs
    for (;;) {
      const found = take()
      if (found !== undefined) return found
      const left = deadline - performance.now()
      if (ended || left <= 0)
        throw new Error(
          `${what}: none ${ended ? 'before the stream ended' : `within ${withinMs} ms`}`,
        )
      let timer: NodeJS.Timeout | undefined
      await new Promise<void>((resolve) => {
        wake = resolve
        timer = setTimeout(resolve, left)
      })
      clearTimeout(timer)
    }
  }

  return {
    response,
    next: (test = () => true, withinMs = NEXT_WITHIN_MS) =>
      until(
        () => {
          const at = events.findIndex(test)
          return at < 0 ? undefined : events.splice(0, at + 1).at(-1)
        },
        withinMs,
        'event',
      ),
    comment: (withinMs = NEXT_WITHIN_MS) => until(() => comments.shift(), withinMs, 'comment'),
    retry: () => retry,
    close: async () => {
      await reader?.cancel().catch(() => undefined)
      if (!reader) await response.body?.cancel().catch(() => undefined)
    },
  }
}
