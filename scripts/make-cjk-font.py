#!/usr/bin/env python3
"""Build resources/fonts/InkstoneSans-SC.ttf: the Simplified Chinese face of Noto Sans CJK
(SIL Open Font License 1.1), cut to GB2312 + ASCII + Latin-1 + CJK punctuation. Inkstone ships this
one file so reports and signature appearances render Chinese the same on every OS; each PDF then
embeds only the glyphs it uses (subset-font at run time).

The CFF outlines are converted to TrueType quadratic outlines: CID-keyed CFF fonts embedded by
pdf-lib render with wrong advance widths in poppler (and warn of a font type mismatch), while a
TrueType face becomes a plain CIDFontType2 with an identity CID-to-glyph map that every viewer
reads the same way.

Run once on a machine with Debian's fonts-noto-cjk and python3-fonttools:
    python3 scripts/make-cjk-font.py
"""
from fontTools import subset
from fontTools.ttLib import TTCollection, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
import os

SRC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'fonts', 'InkstoneSans-SC.ttf')

chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x2022, 0x2713, 0x2717, 0x2192}
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError:
            pass

face = TTCollection(SRC).fonts[2]  # index 2 = NotoSansCJKsc-Regular
opts = subset.Options()
opts.name_IDs = ['*']
opts.notdef_outline = True
opts.layout_features = []  # no GSUB/GPOS: no ligatures or contextual forms in legal text, and pdf-lib positions by advance widths only
sub = subset.Subsetter(opts)
sub.populate(unicodes=chars)
sub.subset(face)


def cff_to_truetype(font):
    """Redraw every CFF glyph as quadratic TrueType outlines (max error 1 unit of 1000)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable('glyf')
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font['CFF ']
    if 'VORG' in font:
        del font['VORG']
    font['glyf'] = glyf
    font['loca'] = newTable('loca')
    maxp = font['maxp']
    maxp.tableVersion = 0x00010000
    for attr in ('maxZones', 'maxTwilightPoints', 'maxStorage', 'maxFunctionDefs', 'maxInstructionDefs',
                 'maxStackElements', 'maxSizeOfInstructions', 'maxComponentElements'):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font['head'].indexToLocFormat = 0
    font['head'].glyphDataFormat = 0
    post = font['post']
    post.formatType = 3.0
    font.sfntVersion = '\x00\x01\x00\x00'


cff_to_truetype(face)
face.save(OUT)
print(OUT, os.path.getsize(OUT), 'bytes,', len(chars), 'characters')
