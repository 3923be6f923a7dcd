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
// Media URLs need serve's media key, so the app renders once the bridge is connected (or has
// found it cannot be: calls then say why).
void connect().finally(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)
