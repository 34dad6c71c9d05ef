#!/bin/sh
# Encodes the slate card ($1, a PNG) into the loop a push pod copies while its stream is interrupted
# ($2): 4 s of 1280x720 H.264 at 25 fps with a keyframe every 2 s and 48 kHz stereo silence, the
# same loop publish-service's SlateLoop encodes for local pushes.
set -eu
ffmpeg -hide_banner -nostdin -loglevel error -y -loop 1 -framerate 25 -i "$1" \
  -f lavfi -i anullsrc=r=48000:cl=stereo -t 4 \
  -vf "scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2" \
  -c:v libx264 -preset veryfast -tune stillimage -pix_fmt yuv420p -g 50 -keyint_min 50 -sc_threshold 0 -b:v 400k \
  -c:a aac -b:a 64k -shortest "$2"
