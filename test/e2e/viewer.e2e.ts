import { expect, screenshot, test, viewFirstAt } from './support/fixtures'

test('the viewer shows a photo with zoom, steps with the arrows and shows its details', async ({
  openApp,
}) => {
  const page = await openApp('#/media?q=sunset')
  await expect(page.getByTestId('result-count')).toHaveText('2 items')
  await page.getByTestId('media-cell').first().dblclick()
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toBeVisible()
  await expect(page.getByTestId('metadata')).toContainText('Alice Rivers')
  await expect(page.getByTestId('metadata-text')).toHaveText('Sunset at the beach 🌅 just for you')
  await expect(page.getByTestId('metadata')).toContainText('SHA-256')
  const image = viewer.locator('.zoom-image')
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
  await screenshot(page, 'viewer-photo')

  await page.getByTestId('zoom-frame').click()
  await expect(page.getByTestId('zoom-frame')).toHaveAttribute('data-scale', '2.00')
  await page.keyboard.press('0')
  await expect(page.getByTestId('zoom-frame')).toHaveAttribute('data-scale', '1.00')

  await expect(viewer).toContainText('1 of 2')
  await page.keyboard.press('ArrowRight')
  await expect(viewer).toContainText('2 of 2')
  await page.keyboard.press('ArrowLeft')
  await expect(viewer).toContainText('1 of 2')
  await page.getByRole('button', { name: 'Close viewer' }).click()
  await expect(viewer).toHaveCount(0)
})

test('a video plays and seeks through /media with Range requests', async ({ openApp }) => {
  const page = await openApp('#/media?type=video&status=downloaded')
  await expect(page.getByTestId('result-count')).toHaveText('1 item')
  const ranged: number[] = []
  page.on('response', (response) => {
    const { pathname } = new URL(response.url())
    if (pathname.startsWith('/media/') && pathname.endsWith('/full')) ranged.push(response.status())
  })
  await page.getByTestId('media-grid').focus()
  await page.keyboard.press('Enter')
  const video = page.getByTestId('viewer-video')
  await expect(video).toBeVisible()
  await video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true
    await element.play()
  })
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 })
    .toBeGreaterThan(0.3)
  await video.evaluate(
    (element: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        element.pause()
        element.addEventListener('seeked', () => resolve(), { once: true })
        element.currentTime = 1.5
      }),
  )
  expect(await video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThanOrEqual(1.4)
  expect(ranged).toContain(206)
  await screenshot(page, 'viewer-video')
})

test('audio plays in the viewer', async ({ openViewer }) => {
  const page = await openViewer('#/media?type=audio')
  const audio = page.getByTestId('viewer-audio')
  await expect(audio).toBeVisible()
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeGreaterThan(1)
})

test('locked and DRM items show their preview and say why the full file is not archived', async ({
  openViewer,
}) => {
  const page = await openViewer('#/media?status=locked&q=exclusive')
  const unavailable = page.getByTestId('viewer-unavailable')
  await expect(unavailable).toContainText('locked ($25.00)')
  await expect(unavailable).toContainText('full file is not archived')
  await expect
    .poll(() => unavailable.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0)
  await screenshot(page, 'viewer-locked')

  await viewFirstAt(page, '#/media?status=drm')
  await expect(page.getByTestId('viewer-unavailable')).toContainText('DRM-protected')
})

test('access rules of a Fansly item are listed', async ({ openViewer }) => {
  const page = await openViewer('#/media?rule=subscription')
  const metadata = page.getByTestId('metadata')
  await expect(metadata).toContainText('Pay per view $12.50')
  await expect(metadata).toContainText('or Subscribers (VIP)')
  await screenshot(page, 'viewer-access-rules')
})
