/**
 * A zip archive holding one file, stored (not compressed): what iSendPro's `/getlistenoire`
 * and `/campagne` answer ("zip containing a csv", research §C.1). Small on purpose: a stored
 * entry needs only the CRC-32 and the sizes, which every unzip reads.
 *
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT — 4.3.7, 4.3.12, 4.3.16
 */

/**
 * CRC-32 (IEEE 802.3, the zip format's), computed here: `zlib.crc32` needs Node 20.15, and the
 * package supports 20.10.
 */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/**
 * @example
 * crc32(Buffer.from('123456789')) // 0xcbf43926
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** 1980-01-01 00:00, the earliest DOS date: the archive does not depend on the clock. */
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1

/**
 * One file in a zip archive.
 *
 * @example
 * zipOne('listenoire.csv', Buffer.from('0601020304\n')) // Uint8Array starting 'PK\x03\x04'
 */
export function zipOne(name: string, content: Uint8Array): Uint8Array {
  const fileName = Buffer.from(name, 'utf8')
  const crc = crc32(content)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4) // version needed
  local.writeUInt16LE(0x0800, 6) // UTF-8 names
  local.writeUInt16LE(0, 8) // stored
  local.writeUInt16LE(DOS_TIME, 10)
  local.writeUInt16LE(DOS_DATE, 12)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(content.length, 18)
  local.writeUInt32LE(content.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  local.writeUInt16LE(0, 28)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(0x0800, 8)
  central.writeUInt16LE(0, 10)
  central.writeUInt16LE(DOS_TIME, 12)
  central.writeUInt16LE(DOS_DATE, 14)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(content.length, 20)
  central.writeUInt32LE(content.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  // extra, comment, disk, internal and external attributes, offset of the local header: 0
  const centralOffset = local.length + fileName.length + content.length
  const centralSize = central.length + fileName.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(centralOffset, 16)
  return Buffer.concat([local, fileName, content, central, fileName, end])
}

/**
 * The one file of an archive {@link zipOne} wrote (for tests and the client): its name and bytes.
 *
 * @example
 * unzipOne(zipOne('a.csv', Buffer.from('x'))) // { name: 'a.csv', content: <Buffer 78> }
 */
export function unzipOne(archive: Uint8Array): { name: string; content: Buffer } | undefined {
  const bytes = Buffer.from(archive)
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return undefined
  const size = bytes.readUInt32LE(18)
  const nameLength = bytes.readUInt16LE(26)
  const extra = bytes.readUInt16LE(28)
  const start = 30 + nameLength + extra
  return {
    name: bytes.subarray(30, 30 + nameLength).toString('utf8'),
    content: bytes.subarray(start, start + size),
  }
}
