/**
 * Small audio files built byte by byte as their formats define them, for the media
 * library's tests: a WAV of silence (PCM), MP3 frames of silence (MPEG-1 Layer III, with
 * and without an ID3v2 tag), the first Ogg page of a Vorbis and of an Opus stream (with its
 * CRC), and the start of an M4A file (an ftyp box with the M4A brand, then a free box).
 * Also near misses that are not accepted audio: ADTS AAC, an MP4 with only general brands,
 * Ogg FLAC and Theora, an AVI, native FLAC, MIDI.
 */

/** 100 ms of 8 kHz mono 16-bit silence. */
export function wavSample(): Buffer {
  const samples = 800;
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "latin1");
  header.write("fmt ", 12, "latin1");
  header.writeUInt32LE(16, 16); // chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(16000, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz, stereo, no CRC (FF FB 90 64): each 417
 * bytes, its side information and main data all zero, which decodes as silence.
 */
export function mp3Frames(count = 8): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** An ID3v2.4 tag with one title frame ("TIT2"), then MP3 frames. */
export function mp3WithId3(title = "Recording"): Buffer {
  const text = Buffer.concat([Buffer.from([0x03]), Buffer.from(title, "utf8")]); // UTF-8 encoding byte
  const frameHeader = Buffer.alloc(10);
  frameHeader.write("TIT2", 0, "latin1");
  frameHeader.writeUInt32BE(text.length, 4); // < 128, so the same as its synchsafe form
  const body = Buffer.concat([frameHeader, text]);
  const tagHeader = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0, 0, 0, body.length]);
  return Buffer.concat([tagHeader, body, mp3Frames(4)]);
}

/** The start of an M4A file: ftyp (major brand "M4A ", compatible M4A, isom, iso2) and a free box. */
export function m4aHead(majorBrand = "M4A ", compatible = ["M4A ", "isom", "iso2"]): Buffer {
  const brands = Buffer.from([majorBrand, ...compatible].join(""), "latin1");
  const ftyp = Buffer.alloc(16 + compatible.length * 4);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write("ftyp", 4, "latin1");
  brands.copy(ftyp, 8, 0, 4);
  ftyp.writeUInt32BE(0x200, 12); // minor version
  brands.copy(ftyp, 16, 4);
  const free = Buffer.alloc(8);
  free.writeUInt32BE(8, 0);
  free.write("free", 4, "latin1");
  return Buffer.concat([ftyp, free]);
}

/** The CRC-32 Ogg uses: polynomial 0x04c11db7, not reflected, initial value 0. */
function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

/** One Ogg page holding one packet (under 255 bytes), with the beginning-of-stream flag. */
function oggFirstPage(packet: Buffer, serial = 0x51554952): Buffer {
  if (packet.length >= 255) throw new Error("one segment only");
  const header = Buffer.alloc(28);
  header.write("OggS", 0, "latin1");
  header[4] = 0; // version
  header[5] = 0x02; // beginning of stream
  // granule position 0 (bytes 6–13)
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(0, 18); // page sequence
  // CRC (22–25) is computed over the page with these bytes zero
  header[26] = 1; // one segment
  header[27] = packet.length;
  const page = Buffer.concat([header, packet]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** The first page of an Ogg Vorbis stream: the identification header (44.1 kHz stereo). */
export function oggVorbisHead(): Buffer {
  const packet = Buffer.alloc(30);
  packet[0] = 0x01;
  packet.write("vorbis", 1, "latin1");
  packet.writeUInt32LE(0, 7); // version
  packet[11] = 2; // channels
  packet.writeUInt32LE(44100, 12);
  packet.writeInt32LE(0, 16); // bitrate maximum
  packet.writeInt32LE(128000, 20); // nominal
  packet.writeInt32LE(0, 24); // minimum
  packet[28] = 0xb8; // block sizes 2^8 and 2^11
  packet[29] = 0x01; // framing
  return oggFirstPage(packet);
}

/** The first page of an Ogg Opus stream: OpusHead (version 1, stereo, 48 kHz input). */
export function oggOpusHead(): Buffer {
  const packet = Buffer.alloc(19);
  packet.write("OpusHead", 0, "latin1");
  packet[8] = 1; // version
  packet[9] = 2; // channels
  packet.writeUInt16LE(312, 10); // pre-skip
  packet.writeUInt32LE(48000, 12);
  packet.writeInt16LE(0, 16); // output gain
  packet[18] = 0; // channel mapping family
  return oggFirstPage(packet);
}

/** Files that begin like audio but are not a format the library accepts. */
export function notAcceptedAudio(): Record<string, Buffer> {
  const flacInOgg = Buffer.concat([Buffer.from([0x7f]), Buffer.from("FLAC"), Buffer.from([1, 0, 0, 1])]);
  const theora = Buffer.concat([Buffer.from([0x80]), Buffer.from("theora"), Buffer.alloc(35)]);
  const avi = Buffer.alloc(24);
  avi.write("RIFF", 0, "latin1");
  avi.writeUInt32LE(1000, 4);
  avi.write("AVI LIST", 8, "latin1");
  const wavNoFormat = wavSample();
  wavNoFormat.writeUInt16LE(0x55, 20); // MPEG Layer 3 inside WAV: not PCM
  return {
    "ADTS AAC": Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(64)]),
    "MP4 video brands": m4aHead("isom", ["isom", "iso2", "avc1", "mp41"]),
    "Ogg FLAC": oggFirstPage(flacInOgg),
    "Ogg Theora": oggFirstPage(theora),
    "Ogg without its first-page flag": (() => {
      const page = oggVorbisHead();
      page[5] = 0;
      return page;
    })(),
    AVI: avi,
    "WAV of compressed MP3": wavNoFormat,
    "WAV cut before its format": wavSample().subarray(0, 16),
    "native FLAC": Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(38)]),
    MIDI: Buffer.concat([Buffer.from("MThd"), Buffer.from([0, 0, 0, 6, 0, 1, 0, 1, 0, 96])]),
    "ID3 of an unknown version": Buffer.concat([Buffer.from("ID3"), Buffer.from([0x09, 0, 0, 0, 0, 0, 10])]),
    "MPEG frame of layer I": Buffer.from([0xff, 0xff, 0x90, 0x64, 0, 0, 0, 0]),
    "MPEG frame with a reserved bitrate": Buffer.from([0xff, 0xfb, 0xf0, 0x64, 0, 0, 0, 0]),
    text: Buffer.from("ID3 is a tag format; OggS a page; RIFF a container."),
  };
}
