import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>网格联动工作站</h1>);
