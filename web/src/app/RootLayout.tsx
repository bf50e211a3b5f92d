import { Outlet, useNavigation } from 'react-router';

// RootLayout wraps every route. It shows a thin progress bar while the
// router loads the next page's code.
export function RootLayout() {
  const navigation = useNavigation();
  return (
    <>
      {navigation.state !== 'idle' && (
        <div className="nav-progress" role="progressbar" aria-label="Loading page" aria-valuetext="Loading" />
      )}
      <Outlet />
    </>
  );
}
