"""Resolve the runtime closure of some Maven Central roots the way Gradle does for an Android
app (Gradle module metadata, android/jvm variants, highest version wins), printing g:a:v:ext."""
import json, re, sys, urllib.request, xml.etree.ElementTree as ET, os, functools
REPO='https://repo1.maven.org/maven2/'
CACHE='/tmp/phones/meta'; os.makedirs(CACHE,exist_ok=True)
def get(path):
    f=os.path.join(CACHE,path.replace('/','_'))
    if os.path.exists(f): return open(f,'rb').read() or None
    try: d=urllib.request.urlopen(REPO+path,timeout=30).read()
    except Exception: d=b''
    open(f,'wb').write(d); return d or None
def vkey(v):
    parts=re.split(r'[.\-]',v); out=[]
    for p in parts:
        if p.isdigit(): out.append((1,int(p),''))
        else: out.append((0,0,p))
    # release > pre-release: a version without qualifier sorts after alpha/beta/rc
    if not any(not p.isdigit() for p in parts): out.append((2,0,''))
    return out
def base(g,a,v): return f"{g.replace('.','/')}/{a}/{v}/{a}-{v}"
ANDROID={'org.gradle.usage':'java-runtime'}
def pick_variant(mod):
    best=None
    for var in mod.get('variants',[]):
        at=var.get('attributes',{})
        if at.get('org.gradle.usage') not in ('java-runtime',): continue
        if at.get('org.gradle.category','library')!='library': continue
        plat=at.get('org.jetbrains.kotlin.platform.type')
        score=0
        if plat=='androidJvm': score=3
        elif plat=='jvm': score=1
        elif plat is None: score=2
        else: continue
        if at.get('org.gradle.jvm.environment')=='android': score+=2
        if 'Debug' in var['name'] or 'debug' in var['name']: score-=1
        if best is None or score>best[0]: best=(score,var)
    return best and best[1]
def deps_of(g,a,v):
    """-> (file ext or None, [(g,a,v)], [(g,a,v) constraints])"""
    m=get(base(g,a,v)+'.module')
    if m:
        mod=json.loads(m); var=pick_variant(mod)
        if var is None: return None,[],[]
        if 'available-at' in var:
            at=var['available-at']; return 'redirect',[(at['group'],at['module'],at['version'])],[]
        files=var.get('files',[])
        ext=None
        for f in files:
            ext=f['name'].rsplit('.',1)[1]
        ds=[]
        for d in var.get('dependencies',[]):
            ver=d.get('version',{}); vv=ver.get('strictly') or ver.get('requires') or ver.get('prefers')
            if vv: ds.append((d['group'],d['module'],vv.strip('[]').split(',')[0]))
        cs=[]
        for d in var.get('dependencyConstraints',[]):
            ver=d.get('version',{}); vv=ver.get('strictly') or ver.get('requires')
            if vv: cs.append((d['group'],d['module'],vv.strip('[]').split(',')[0]))
        return ext,ds,cs
    p=get(base(g,a,v)+'.pom')
    if not p: return 'MISSING',[],[]
    ns={'m':'http://maven.apache.org/POM/4.0.0'}
    root=ET.fromstring(p)
    props={}
    pe=root.find('m:properties',ns)
    if pe is not None:
        for c in pe: props[c.tag.split('}')[1]]=c.text
    props['project.version']=v
    def sub(s): return re.sub(r'\$\{([^}]+)\}',lambda m:props.get(m.group(1),m.group(0)),s or '')
    pack=root.findtext('m:packaging','jar',ns)
    ext={'bundle':'jar','aar':'aar','jar':'jar','pom':None}.get(pack,'jar')
    ds=[]
    dd=root.find('m:dependencies',ns)
    if dd is not None:
        for d in dd.findall('m:dependency',ns):
            if d.findtext('m:scope','compile',ns) not in ('compile','runtime'): continue
            if d.findtext('m:optional','false',ns)=='true': continue
            ver=sub(d.findtext('m:version','',ns))
            if not ver or '$' in ver: continue
            ds.append((sub(d.findtext('m:groupId','',ns)),sub(d.findtext('m:artifactId','',ns)),ver.strip('[]').split(',')[0]))
    return ext,ds,[]
roots=[l.split(':') for l in sys.argv[1:]]
want={}  # (g,a) -> version
for g,a,v in roots: want[(g,a)]=v
cons={}
done={}
changed=True
while changed:
    changed=False
    for (g,a),v in list(want.items()):
        if done.get((g,a))==v: continue
        done[(g,a)]=v
        ext,ds,cs=deps_of(g,a,v)
        for (dg,da,dv) in ds+[c for c in cs]:
            isc=(dg,da,dv) in cs
            if isc:
                cons[(dg,da)]=max(cons.get((dg,da),'0'),dv,key=vkey)
                if (dg,da) in want and vkey(dv)>vkey(want[(dg,da)]): want[(dg,da)]=dv; changed=True
                continue
            nv=dv
            if (dg,da) in cons and vkey(cons[(dg,da)])>vkey(nv): nv=cons[(dg,da)]
            if (dg,da) not in want or vkey(nv)>vkey(want[(dg,da)]):
                want[(dg,da)]=nv; changed=True
for (g,a),v in sorted(want.items()):
    ext,_,_=deps_of(g,a,v)
    if ext in ('redirect',None): continue
    print(f'{g}:{a}:{v}:{ext}')
