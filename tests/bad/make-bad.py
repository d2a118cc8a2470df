#!/usr/bin/python3
"""Writes the hostile and malformed profiles in tests/bad/.

Each NAME.xml is named for what it tries.  The expected messages
(NAME.messages) and, when the exit status is not 65, NAME.status are
written by `UPDATE=1 sh tests/t_validate_regress.sh`, then reviewed by eye.

Six files are valid on purpose and expect status 0 (NAME.status):
bom and utf16 (a byte order mark and UTF-16 are legal XML, so they are
read as such), xml-stylesheet and schema-location-elsewhere (the
processing instruction and xsi:schemaLocation are ignored; we validate
with our own compiled schema and fetch nothing: t_validate.sh checks the
opens with strace), unknown-keyword and date-end-after-report (a
warning only).

Run from the repository root: /usr/bin/python3 tests/bad/make-bad.py
The files are committed; this script documents how each was made (the
large ones compress to almost nothing in git).
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))

NS = 'urn:reportgen:candidate:1'


def profile(pid='bad-case', name='Test Candidate', years='4',
            positions=None, skills=None, keywords=('kubernetes',),
            prefs=None, root_attrs='xmlns="%s" version="1"' % NS,
            identity_extra='', notes=None, goals=None, prolog='<?xml version="1.0" encoding="UTF-8"?>\n'):
    if positions is None:
        positions = [('Software Engineer', 'Example Corp', '2019-01', '2021-06')]
    if skills is None:
        skills = [('python_apis', '3', '4'), ('cloud', '2', '2')]
    if prefs is None:
        prefs = [('fde-1', '4'), ('mlops-1', '3')]
    out = [prolog, '<profile %s>\n' % root_attrs]
    out.append('  <identity id="%s">\n' % pid)
    out.append('    <name>%s</name>\n' % name)
    out.append('    <country>US</country>\n    <market>US</market>\n')
    out.append(identity_extra)
    out.append('  </identity>\n')
    out.append('  <experience production-years="%s">\n' % years)
    out.append('    <current-title>Software Engineer</current-title>\n')
    out.append('    <role-family>software</role-family>\n')
    if positions:
        out.append('    <positions>\n')
        for t, o, s, e in positions:
            out.append('      <position>\n')
            out.append('        <title>%s</title>\n' % t)
            out.append('        <organisation>%s</organisation>\n' % o)
            out.append('        <start>%s</start>\n' % s)
            if e:
                out.append('        <end>%s</end>\n' % e)
            out.append('      </position>\n')
        out.append('    </positions>\n')
    out.append('  </experience>\n  <skills>\n')
    for d, lv, y in skills:
        out.append('    <skill dimension="%s" level="%s" years="%s"/>\n' % (d, lv, y))
    for k in keywords:
        out.append('    <keyword>%s</keyword>\n' % k)
    out.append('  </skills>\n')
    if prefs:
        out.append('  <preferences>\n')
        for s, v in prefs:
            out.append('    <agree statement="%s">%s</agree>\n' % (s, v))
        out.append('  </preferences>\n')
    if goals is None:
        goals = '<goals target="undecided" hours-per-week="6"/>'
    out.append('  %s\n' % goals)
    if notes is not None:
        out.append('  <notes>%s</notes>\n' % notes)
    out.append('</profile>\n')
    return ''.join(out)


def doctype(decls, body_name='&x;'):
    return profile(name=body_name,
                   prolog='<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<!DOCTYPE profile [\n%s\n]>\n' % decls)


cases = {}

# --- entity and DTD attacks: all stop at the DOCTYPE
cases['xxe-file-entity'] = doctype('  <!ENTITY x SYSTEM "file:///etc/passwd">')
cases['xxe-http-entity'] = doctype('  <!ENTITY x SYSTEM "http://127.0.0.1:9/x">')
cases['billion-laughs'] = doctype('\n'.join(
    ['  <!ENTITY lol0 "lol">'] +
    ['  <!ENTITY lol%d "%s">' % (i, ('&lol%d;' % (i - 1)) * 10) for i in range(1, 10)] +
    ['  <!ENTITY x "&lol9;">']))
cases['quadratic-blowup'] = doctype('  <!ENTITY x "%s">' % ('A' * 30000),
                                    body_name='&x;' * 30000)
cases['external-dtd'] = profile(
    prolog='<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE profile SYSTEM "http://127.0.0.1:9/evil.dtd">\n')
cases['parameter-entity'] = profile(
    prolog='<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE profile [\n  <!ENTITY % pe SYSTEM "file:///etc/passwd">\n  %pe;\n]>\n')
cases['undefined-entity'] = profile(name='Test &unknown; Candidate')

# --- sizes and depth
cases['deep-nesting'] = profile(notes='<n>' * 10000 + '</n>' * 10000)
cases['huge-attribute'] = profile(identity_extra='', root_attrs='xmlns="%s" version="1" pad="%s"' % (NS, 'A' * (2 * 1024 * 1024)))
cases['large-attribute-under-cap'] = profile(pid='a' * (500 * 1024))
big = profile()
cases['too-large'] = big.replace('</profile>\n', '<!-- %s -->\n</profile>\n' % ('x' * (1024 * 1024 + 100)))

# --- bytes
cases['empty'] = ''
cases['truncated'] = profile()[:600]
cases['trailing-garbage'] = profile() + '<profile/>\n'
cases['invalid-utf8'] = profile(name='Test \udcc3( Candidate')
cases['nul-byte'] = profile(name='Test \x00 Candidate')
cases['bom'] = '\ufeff' + profile()
cases['utf16'] = profile(prolog='<?xml version="1.0" encoding="UTF-16"?>\n')

# --- namespaces and root
cases['wrong-namespace'] = profile(root_attrs='xmlns="urn:reportgen:candidate:2" version="1"')
cases['no-namespace'] = profile(root_attrs='version="1"')
cases['schema-location-elsewhere'] = profile(
    root_attrs='xmlns="%s" version="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="%s http://127.0.0.1:9/evil.xsd"' % (NS, NS))
cases['xinclude'] = profile(
    root_attrs='xmlns="%s" version="1" xmlns:xi="http://www.w3.org/2001/XInclude"' % NS,
    identity_extra='    <xi:include href="file:///etc/passwd" parse="text"/>\n')
cases['xml-stylesheet'] = profile(
    prolog='<?xml version="1.0" encoding="UTF-8"?>\n'
    '<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/evil.xsl"?>\n')

# --- values the schema refuses
cases['out-of-range-years'] = profile(years='-1', skills=[('python_apis', '3', '61')])
cases['level-6'] = profile(skills=[('python_apis', '6', '4')])
cases['agreement-0'] = profile(prefs=[('fde-1', '0')])
cases['duplicate-skill'] = profile(skills=[('cloud', '3', '4'), ('cloud', '2', '2')])
cases['hostile-id-dotdot'] = profile(pid='../../x')
cases['hostile-id-option'] = profile(pid='-rf')
cases['hostile-id-hidden'] = profile(pid='.hidden')
cases['hostile-id-300-bytes'] = profile(pid='a' * 300)
cases['hostile-id-rlo'] = profile(pid='report\u202egpj.exe')

# --- what only the loader can check
cases['bad-date-order'] = profile(positions=[
    ('Data Engineer', 'Example Corp', '2018-01', '2020-12'),
    ('ML Engineer', 'Example Corp', '2021-03', '2020-01')])
cases['unknown-dimension'] = profile(skills=[('python_apis', '3', '4'), ('quantum', '2', '1')])
cases['unknown-statement'] = profile(prefs=[('fde-1', '4'), ('fde-9', '2')])
cases['unknown-keyword'] = profile(keywords=('kubernetes', 'Underwater basket weaving'))

# --- issue 12: names of nothing but spaces, dates after the report date
# (U+00A0 and U+3000 are \S to the schema's pattern: only the loader sees
# that nothing visible is left)
cases['name-nbsp-only'] = profile(name='\u00a0\u00a0\u00a0')
cases['name-unicode-spaces'] = profile(name='\u2003\u200b\u3000\u202f\ufeff')
cases['date-start-after-report'] = profile(positions=[
    ('Data Engineer', 'Example Corp', '2018-01', '2020-12'),
    ('ML Engineer', 'Example Corp', '2099-01', None)])
cases['date-end-after-report'] = profile(positions=[
    ('Contract ML Engineer', 'Example Corp', '2024-01', '2099-06')])

# --- issue 13: one case per kind of mistake the schema can report, each
# answered in a coach's words (xmlsafe_coach.c)
def comp(attrs):
    return ('<goals target="undecided" hours-per-week="6">'
            '<current-compensation %s/></goals>' % attrs)


def swap(old, new, **kw):
    text = profile(**kw)
    assert old in text, old
    return text.replace(old, new, 1)


cases['coach-level-word'] = profile(skills=[('python_apis', 'Expert', '4')])
cases['coach-level-fraction'] = profile(skills=[('python_apis', '3.5', '4')])
cases['coach-amount-separators'] = profile(
    goals=comp('amount="16,00,000" currency="INR" basis="base"'))
cases['coach-amount-too-large'] = profile(
    goals=comp('amount="5000000000" currency="USD" basis="base"'))
cases['coach-currency-case'] = profile(
    goals=comp('amount="120000" currency="usd" basis="base"'))
cases['coach-basis-unknown'] = profile(
    goals=comp('amount="120000" currency="USD" basis="gross"'))
cases['coach-date-words'] = profile(positions=[
    ('Data Engineer', 'Example Corp', 'Sept 2022', None)])
# found by fuzz_profile: a long run of digits overflowed the date guess
cases['coach-date-long-digits'] = profile(positions=[
    ('Data Engineer', 'Example Corp', '3333333333333 Sept', None)])
cases['coach-date-slash'] = profile(positions=[
    ('Data Engineer', 'Example Corp', '2019-01', '03/2021')])
cases['coach-bare-ampersand'] = profile(positions=[
    ('Data Engineer', 'R&D Labs', '2019-01', None)])
cases['coach-bare-ampersand-space'] = profile(positions=[
    ('Data Engineer', 'R & D Labs', '2019-01', None)])
cases['coach-bare-less-than'] = swap('id="bad-case"', 'id="a<b"')
cases['coach-tag-mismatch'] = swap('</current-title>', '</current-titel>')
cases['coach-id-name'] = profile(pid='Ana María López')
cases['coach-market-unknown'] = swap('<market>US</market>', '<market>UK</market>')
cases['coach-country-name'] = swap('<country>US</country>', '<country>Mexico</country>')
cases['coach-country-lower'] = swap('<country>US</country>', '<country>us</country>')
cases['coach-role-family-unknown'] = swap('<role-family>software</role-family>',
                                          '<role-family>Backend</role-family>')
cases['coach-target-case'] = swap('target="undecided"', 'target="MLOps"')
cases['coach-hours-too-many'] = swap('hours-per-week="6"', 'hours-per-week="100"')
cases['coach-years-two-decimals'] = profile(years='4.25')
cases['coach-years-words'] = profile(years='4 years')
cases['coach-projects-word'] = swap('years="4"/>', 'years="4" projects="two"/>')
cases['coach-boolean-yes'] = swap('<position>', '<position customer-facing="yes">')
cases['coach-version-2'] = profile(root_attrs='xmlns="%s" version="2"' % NS)
cases['coach-email-invalid'] = swap('    <country>', '    <email>test at example</email>\n'
                                   '    <country>')
cases['coach-title-too-long'] = swap('<current-title>Software Engineer',
                                     '<current-title>' + 'Software Engineer ' * 7 + 'Lead')
cases['coach-title-empty'] = swap('<current-title>Software Engineer</current-title>',
                                  '<current-title></current-title>')
cases['coach-notes-too-long'] = profile(notes='n' * 8001)
cases['coach-dimension-case'] = profile(skills=[('Cloud', '3', '4')])
cases['coach-statement-case'] = profile(prefs=[('FDE-1', '4')])
cases['coach-keyword-spaces'] = profile(keywords=(' kubernetes ',))
cases['coach-keyword-too-long'] = profile(keywords=('k' * 41,))
cases['coach-agreement-word'] = profile(prefs=[('fde-1', 'agree')])
cases['coach-duplicate-statement'] = profile(prefs=[('fde-1', '4'), ('fde-1', '2')])
cases['coach-too-many-skills'] = profile(skills=[('d%d' % i, '2', '1') for i in range(13)])
cases['coach-missing-element'] = swap('    <country>US</country>\n', '')
cases['coach-missing-last-element'] = swap('    <market>US</market>\n', '')
cases['coach-missing-goals'] = swap('  <goals target="undecided" hours-per-week="6"/>\n', '')
cases['coach-wrong-order'] = swap('    <country>US</country>\n    <market>US</market>\n',
                                  '    <market>US</market>\n    <country>US</country>\n')
cases['coach-unknown-element'] = profile(identity_extra='    <phone>555</phone>\n')
cases['coach-misspelt-element'] = swap('<skill ', '<skil ')
cases['coach-unknown-attribute'] = swap('level="3"', 'lvl="3"')
cases['coach-missing-attribute'] = swap(' hours-per-week="6"', '')
cases['coach-text-in-skill'] = swap('years="4"/>', 'years="4">FastAPI</skill>')
cases['coach-text-in-skills'] = swap('<skills>\n', '<skills>\n    Python, AWS\n')

for name, text in cases.items():
    path = os.path.join(HERE, name + '.xml')
    if name == 'utf16':
        data = text.encode('utf-16')
    else:
        data = text.encode('utf-8', 'surrogateescape')
    with open(path, 'wb') as f:
        f.write(data)

# A gzip file named .xml: must not be decompressed.
with open(os.path.join(HERE, 'gzip-compressed.xml'), 'wb') as f:
    f.write(gzip.compress(profile().encode('utf-8'), mtime=0))
