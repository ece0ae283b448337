#!/usr/bin/env python3
"""Render a captured terminal screen to PNG: the README's screenshot.

The capture is what a real terminal showed: `tmux capture-pane -e -p` of
`chime-prefs demo` running in tmux, escape sequences included. pyte replays
it into a screen model and Pillow draws each cell with DejaVu Sans Mono.

    pip install pyte pillow
    tmux new -d -s shot -x 110 -y 32 'chime-prefs demo'
    # ... press keys with tmux send-keys ...
    tmux capture-pane -e -p -t shot > /tmp/screen.ans
    python3 assets/render_screenshot.py /tmp/screen.ans assets/screenshot.png 110 32
"""

import sys

import pyte
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 16
BG = (24, 24, 32)
FG = (220, 220, 220)
# The xterm palette for the 16 named colours pyte reports.
NAMED = {
    "black": (0, 0, 0), "red": (205, 49, 49), "green": (13, 188, 121), "brown": (229, 229, 16),
    "yellow": (229, 229, 16), "blue": (36, 114, 200), "magenta": (188, 63, 188), "cyan": (17, 168, 205),
    "white": (229, 229, 229), "brightblack": (102, 102, 102), "brightred": (241, 76, 76),
    "brightgreen": (35, 209, 139), "brightyellow": (245, 245, 67), "brightblue": (59, 142, 234),
    "brightmagenta": (214, 112, 214), "brightcyan": (41, 184, 219), "brightwhite": (255, 255, 255),
}


def colour(value, default):
    if value == "default":
        return default
    if value in NAMED:
        return NAMED[value]
    try:
        return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return default


def main():
    source, target, cols, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    screen = pyte.Screen(cols, rows)
    stream = pyte.Stream(screen)
    with open(source, encoding="utf-8") as f:
        # capture-pane ends lines with LF only; the terminal would also
        # return. No newline after the last row, or the screen would scroll.
        stream.feed("\r\n".join(f.read().rstrip("\n").split("\n")))
    font = ImageFont.truetype(FONT, SIZE)
    bold = ImageFont.truetype(FONT_BOLD, SIZE)
    left, top, right, bottom = font.getbbox("M")
    cw, ch = right - left + 1, int(SIZE * 1.35)
    pad = 12
    image = Image.new("RGB", (cols * cw + 2 * pad, rows * ch + 2 * pad), BG)
    draw = ImageDraw.Draw(image)
    for y in range(rows):
        line = screen.buffer[y]
        for x in range(cols):
            cell = line[x]
            fg, bg = colour(cell.fg, FG), colour(cell.bg, BG)
            if cell.reverse:
                fg, bg = bg, fg
            px, py = pad + x * cw, pad + y * ch
            if bg != BG:
                draw.rectangle([px, py, px + cw, py + ch], fill=bg)
            if cell.data.strip():
                draw.text((px, py + 2), cell.data, font=bold if cell.bold else font, fill=fg)
    image.save(target)


if __name__ == "__main__":
    main()
