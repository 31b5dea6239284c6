import type { ReactNode } from 'react';

/** The frame of every feature screen: a title, one line on what it is for, then the content. */
export function Screen({ title, purpose, aside, children }: { title: string; purpose: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen__header">
        <div>
          <h1 id="screen-title" className="screen__title">{title}</h1>
          <p className="screen__purpose">{purpose}</p>
        </div>
        {aside ? <div className="screen__aside">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}
