#!/bin/sh
# Regenerates every fixture in this folder. Run from this folder:  sh make-fixtures.sh
# Tools: python3 (standard library only), ImageMagick 6.9.11 at /usr/bin/convert,
# cwebp and gif2webp (libwebp 1.2).
# The raw sources (*.pgm, *.ppm, *.pam) are what the tests compare decoded pixels against.
set -eu
IDX=/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz
IM=/usr/bin/convert   # not /usr/local/bin/convert, which is a stand-in

python3 - "$IDX" <<'PY'
import gzip, struct, sys
with gzip.open(sys.argv[1]) as f:
    magic, count, rows, cols = struct.unpack('>IIII', f.read(16))
    assert magic == 2051 and (rows, cols) == (28, 28)
    boot = f.read(rows * cols)            # test image 0: an ankle boot
W, H = 28, 28
def write(name, header, body):
    with open(name, 'wb') as out:
        out.write(header.encode('ascii')); out.write(bytes(body))
# 8-bit grey source.
write('boot.pgm', 'P5\n28 28\n255\n', boot)
# 16-bit grey source: the boot in the high byte, a pattern in the low byte, so
# the values are not multiples of 257 and a 16-bit decode can be checked exactly.
g16 = bytearray()
for y in range(H):
    for x in range(W):
        v = boot[y * W + x] * 256 + ((x * 31 + y * 17) & 0xFF)
        g16 += struct.pack('>H', v)
write('boot-16.pgm', 'P5\n28 28\n65535\n', g16)
# Grey + alpha source: alpha falls from 255 at the left to 12 at the right.
ga = bytearray()
for y in range(H):
    for x in range(W):
        ga += bytes([boot[y * W + x], 255 - 9 * x])
write('boot-alpha.pam', 'P7\nWIDTH 28\nHEIGHT 28\nDEPTH 2\nMAXVAL 255\nTUPLTYPE GRAYSCALE_ALPHA\nENDHDR\n', ga)
# Colour source, 64x48: 8x8 blocks (red steps with x, green with y), blue disc.
# Under 256 distinct colours (so a palette holds it exactly) and flat 8x8 blocks
# (so JPEG keeps the corners close). Corners all differ, for orientation tests.
CW, CH = 64, 48
def colour(x, y):
    b = 200 if (x - 40) ** 2 + (y - 20) ** 2 <= 144 else 50
    return (32 * (x // 8) + 16, 40 * (y // 8) + 20, b)
rgb, rgb16, rgba = bytearray(), bytearray(), bytearray()
for y in range(CH):
    for x in range(CW):
        r, g, b = colour(x, y)
        rgb += bytes([r, g, b])
        for i, c in enumerate((r, g, b)):
            rgb16 += struct.pack('>H', c * 256 + ((x * 7 + y * 13 + i * 61) & 0xFF))
        # Four alpha steps, tied to the red steps so the RGBA colours stay under 256.
        rgba += bytes([r, g, b, 64 * (x // 16) + 63])
write('colour.ppm', 'P6\n64 48\n255\n', rgb)
write('colour-16.ppm', 'P6\n64 48\n65535\n', rgb16)
write('colour-alpha.pam', 'P7\nWIDTH 64\nHEIGHT 48\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n', rgba)
PY

# PNG: the png:color-type/bit-depth defines pin the PNG colour type (0 grey, 2 RGB,
# 4 grey+alpha, 6 RGBA) so ImageMagick cannot pick another one; -strip drops the
# time stamps (and gAMA, which the decoders here ignore anyway).
$IM boot.pgm -strip -define png:color-type=0 -define png:bit-depth=8 grey-8.png
$IM boot-16.pgm -strip -define png:color-type=0 -define png:bit-depth=16 grey-16.png
$IM boot-alpha.pam -strip -define png:color-type=4 -define png:bit-depth=8 grey-alpha.png
$IM colour.ppm -strip -define png:color-type=2 -define png:bit-depth=8 rgb.png
$IM colour-alpha.pam -strip -define png:color-type=6 -define png:bit-depth=8 rgba.png
$IM colour-16.ppm -strip -define png:color-type=2 -define png:bit-depth=16 rgb-16.png
# Palette PNG with per-entry alpha (PLTE + tRNS). ImageMagick 6.9.11 nudges some
# palette colours by one level (G 100 -> 99) when it writes one, so this one is
# encoded here with zlib, then checked against the source with ImageMagick.
python3 <<'PAL'
import struct, zlib
data = open('colour-alpha.pam', 'rb').read()[-64 * 48 * 4:]
pixels = [data[i:i + 4] for i in range(0, len(data), 4)]
palette = sorted(set(pixels))
assert len(palette) <= 256
index = {p: i for i, p in enumerate(palette)}
def chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))
rows = b''.join(b'\x00' + bytes(index[p] for p in pixels[y * 64:(y + 1) * 64]) for y in range(48))
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 64, 48, 8, 3, 0, 0, 0))
       + chunk(b'PLTE', b''.join(p[:3] for p in palette))
       + chunk(b'tRNS', bytes(p[3] for p in palette))
       + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b''))
open('palette-alpha.png', 'wb').write(png)
PAL
tail -c 12288 colour-alpha.pam > /tmp/colour-alpha.rgba
$IM palette-alpha.png -depth 8 rgba:- | cmp - /tmp/colour-alpha.rgba

# JPEG.
$IM colour.ppm -quality 95 rgb.jpg
$IM boot.pgm -colorspace Gray -quality 95 grey.jpg
$IM colour.ppm -colorspace CMYK -quality 95 cmyk.jpg
# EXIF orientation: the same RGB JPEG with an APP1 Exif segment (big-endian TIFF,
# one IFD entry: Orientation 0x0112, SHORT) spliced in after SOI.
for o in 3 6 8; do
python3 - "$o" <<'PY'
import struct, sys
o = int(sys.argv[1])
jpeg = open('rgb.jpg', 'rb').read()
assert jpeg[:2] == b'\xff\xd8'
tiff = b'MM\x00\x2a' + struct.pack('>I', 8) + struct.pack('>H', 1) \
     + struct.pack('>HHIHH', 0x0112, 3, 1, o, 0) + struct.pack('>I', 0)
payload = b'Exif\x00\x00' + tiff
app1 = b'\xff\xe1' + struct.pack('>H', len(payload) + 2) + payload
open('exif-orientation-%d.jpg' % o, 'wb').write(jpeg[:2] + app1 + jpeg[2:])
PY
done

# GIF: two frames (the boot, then the boot inverted); decoders must return frame 0.
# +dither +map: an exact colour table per frame (otherwise ImageMagick quantises).
$IM boot.pgm \( boot.pgm -negate \) +dither -delay 50 -loop 0 +map boot-animated.gif
# Animated WebP (lossless, from the GIF): decoders must return frame 0.
gif2webp -quiet boot-animated.gif -o boot-animated.webp
# BMP: 24-bit uncompressed (BMP3 = Windows 3 header).
$IM colour.ppm -type TrueColor BMP3:rgb.bmp
# WebP lossless (exact keeps RGB values bit-identical).
$IM colour.ppm rgb-source.png
cwebp -quiet -lossless -exact rgb-source.png -o rgb-lossless.webp
rm rgb-source.png
# TIFF: a real image in a format the JDK reads but the service does not accept.
$IM colour.ppm -compress zip rgb.tiff

# Not an image, and truncated images (the first half of the bytes).
printf 'This is a text file, not an image.\n' > not-an-image.txt
head -c $(( $(stat -c %s rgb.png) / 2 )) rgb.png > truncated.png
head -c $(( $(stat -c %s rgb.jpg) / 2 )) rgb.jpg > truncated.jpg
