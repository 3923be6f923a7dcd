import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/base.css'
import './styles/layout.css'
import './styles/gallery.css'
import './styles/viewer.css'
import './styles/chat.css'
import './styles/sync.css'
import './styles/settings.css'
import './styles/export.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
