import time, numpy as np
from gridlr import *
rng=np.random.default_rng(1)
x,y=draw(rng,1000,m_gauss,0.05)
for name,f in [('coarse',False),('all',True)]:
    t=time.process_time()
    for _ in range(20): s=stats(x,y,m_gauss,fine=f)
    print(name, (time.process_time()-t)/20*1e3,'ms', s)
# pieces at n=1000
g=grid(x,y,**COARSE); t=time.process_time()
for _ in range(50):
    L=logratio(x,y,m_gauss,g); r=np.expm1(np.minimum(L,700)); z=supscore(r)
t1=(time.process_time()-t)/50
t=time.process_time()
for _ in range(50): gl,lv=glr_rows(L,r)
t2=(time.process_time()-t)/50
print('coarse |G|',len(g[0]),'sup-score %.2f ms, GLR extra %.2f ms'%(t1*1e3,t2*1e3))
print('lam at argmax', lv[np.argmax(gl)], 'theta', [a[np.argmax(gl)] for a in g])
gf=grid(x,y,**FINE); print('fine |G|',len(gf[0]))
# check glr against brute force for a few rows
from scipy.optimize import minimize_scalar
for j in np.argsort(-gl)[:3]:
    res=minimize_scalar(lambda l:-np.log1p(l*r[j]).sum(),bounds=(0,1),method='bounded',options={'xatol':1e-10})
    print(j, gl[j], -res.fun, lv[j], res.x)
