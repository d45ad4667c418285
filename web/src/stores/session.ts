import { reactive, computed } from 'vue'

/**
 * Session state. The token lives in localStorage (as MoviePilot's UI keeps it) under
 * `token`; the user name under `user` (used to key per-user preferences).
 */
const TOKEN_KEY = 'token'
const USER_KEY = 'user'

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

export const session = reactive({
  token: read(TOKEN_KEY),
  user: read(USER_KEY),
})

export const loggedIn = computed(() => !!session.token)

export function setSession(token: string, user: string) {
  session.token = token
  session.user = user
  localStorage.setItem(TOKEN_KEY, token)
  localStorage.setItem(USER_KEY, user)
}

export function clearSession() {
  session.token = ''
  localStorage.removeItem(TOKEN_KEY)
}

/** Called on a 401: the router guard sends the user to the login page. */
const logoutListeners: (() => void)[] = []
export function onLogout(fn: () => void) {
  logoutListeners.push(fn)
}
export function expireSession() {
  if (!session.token) return
  clearSession()
  for (const fn of logoutListeners) fn()
}
