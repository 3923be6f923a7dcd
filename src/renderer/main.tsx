import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connect } from './bridge'
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
const root = createRoot(container)
// Connecting takes the token at once; the media key arrives while the app's first render runs
// (calls wait for it before they answer, so no media URL is built without it).
void connect()
root.render(
  <StrictMode>
    <App />
  </StrictMode>,
)
