import { connect } from 'node:net'

/**
 * A raw SMTP session that keeps one mail's commands in flight with the previous mail's final
 * dot (RFC 2920 PIPELINING): one round trip per mail, and next to no client CPU.
 */
export async function rawSession(port: number, to: string, raw: string, keepGoing: () => boolean) {
  const socket = connect(port, '127.0.0.1')
  socket.setNoDelay(true)
  socket.setEncoding('latin1')
  let buffer = ''
  const waiting: ((code: number) => void)[] = []
  socket.on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (line[3] !== '-') waiting.shift()?.(Number(line.slice(0, 3)))
    }
  })
  const reply = () => new Promise<number>((resolve) => waiting.push(resolve))
  const expect = async (...codes: number[]) => {
    const got = await Promise.all(codes.map(() => reply()))
    if (got.some((code, i) => code !== codes[i])) throw new Error(`SMTP replies ${got.join(' ')}`)
  }
  const envelope = `MAIL FROM:<ecole@example.fr>\r\nRCPT TO:<${to}>\r\nDATA\r\n`
  let mails = 0
  await expect(220)
  socket.write('EHLO bench.example\r\n')
  await expect(250)
  if (keepGoing()) {
    socket.write(envelope)
    await expect(250, 250, 354)
    // Each mail's final dot goes with the next mail's envelope, or with QUIT after the last.
    for (;;) {
      mails++
      if (!keepGoing()) break
      socket.write(`${raw}.\r\n${envelope}`)
      await expect(250, 250, 250, 354)
    }
    socket.write(`${raw}.\r\n`)
    await expect(250)
  }
  socket.write('QUIT\r\n')
  await expect(221)
  socket.end()
  return mails
}
