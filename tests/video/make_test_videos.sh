#!/usr/bin/env bash
# Makes the video player's test clips with Debian's ffmpeg, when the tests run (ctest fixture):
# solid colours per second, so that a frame's colour tells which second it is from, and the bad
# inputs a hall's playlist may carry. Usage: make_test_videos.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
colours() { # red, green, blue: one second each, 25 fps, 320x240
  ff -f lavfi -i color=c=red:s=320x240:r=25:d=1 -f lavfi -i color=c=lime:s=320x240:r=25:d=1 \
     -f lavfi -i color=c=blue:s=320x240:r=25:d=1 -filter_complex '[0][1][2]concat=n=3:v=1:a=0' "$@"
}
colours -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 25 -movflags +faststart rgb.mp4
colours -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv420p -g 25 rgb.webm
# One green second with a silent audio track: the player must still open no audio device when muted.
ff -f lavfi -i color=c=lime:s=320x240:r=25:d=1 -f lavfi -i anullsrc=r=48000:cl=stereo -t 1 \
   -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest green-1s.mp4
# 20 s at a tiny size and frame rate: cheap to make, long enough to be cut at 2 s.
ff -f lavfi -i testsrc2=s=160x120:r=10:d=20 -c:v libx264 -preset ultrafast -pix_fmt yuv420p long-20s.mp4
# 6 s with its index first: cutting it leaves a file that opens and then ends early.
ff -f lavfi -i testsrc2=s=320x240:r=25:d=6 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 25 \
   -movflags +faststart six-seconds.mp4
# Its index at the end (ffmpeg's default): cut in half, the container cannot be read at all.
ff -f lavfi -i testsrc2=s=320x240:r=25:d=6 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 25 index-last.mp4
# 4 s of 4K at 60 fps: more than one core of this machine class can decode and scale in time.
ff -f lavfi -i testsrc2=s=3840x2160:r=60:d=4 -c:v libx264 -preset veryfast -pix_fmt yuv420p -movflags +faststart \
   uhd60.mp4
head -c $(($(stat -c %s index-last.mp4) / 2)) index-last.mp4 >truncated.mp4
head -c $(($(stat -c %s six-seconds.mp4) / 2)) six-seconds.mp4 >cut-short.mp4
: >empty.mp4
ff -f lavfi -i color=c=red:s=64x64 -frames:v 1 picture.png
cp picture.png picture.mp4
python3 - <<'PY'
import random
random.seed(21)
open('random-bytes.mp4', 'wb').write(bytes(random.randrange(256) for _ in range(20000)))
# An MP4 whose video sample entry names a codec nobody decodes ('zzzz' instead of 'avc1').
data = bytearray(open('six-seconds.mp4', 'rb').read())
entry = data.find(b'avc1', data.find(b'stsd'))
data[entry:entry + 4] = b'zzzz'
open('unknown-codec.mp4', 'wb').write(data)
# Seconds 1.5-3 of the frames overwritten with noise: the index is whole, the decoder fails there.
data = bytearray(open('six-seconds.mp4', 'rb').read())
for i in range(len(data) * 25 // 100, len(data) * 50 // 100):
    data[i] = random.randrange(256)
open('damaged-middle.mp4', 'wb').write(data)
PY
